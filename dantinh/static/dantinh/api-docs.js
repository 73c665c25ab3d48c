// dantinh: starts Swagger UI on the API documentation page (kept out of the page itself: the
// Content-Security-Policy allows no inline script).
document.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("swagger-ui");
  if (!box || typeof SwaggerUIBundle === "undefined") return;
  SwaggerUIBundle({
    url: box.dataset.schemaUrl,
    domNode: box,
    deepLinking: true,
    persistAuthorization: false,
    requestInterceptor: function (request) {
      request.headers["X-CSRFToken"] = box.dataset.csrfToken;
      return request;
    },
  });
});
