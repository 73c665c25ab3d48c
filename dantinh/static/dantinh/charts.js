// dantinh: draws the charts the server prepared (dantinh/core/plotting.py) with plotly.js.
// Each box names the JSON (json_script) holding its figure; a click on a mark opens the
// address the mark carries (the items behind it); two buttons download it as PNG or SVG.
// Written for the project.
(function () {
  "use strict";

  function address(point) {
    var url = point && point.customdata;
    if (Array.isArray(url)) url = url[0];
    // Only the application's own pages: a path, never another site.
    if (typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/") return url;
    return null;
  }

  function buttons(download) {
    return ["png", "svg"].map(function (format) {
      return {
        name: "dantinh-" + format,
        title: download[format],
        icon: format === "png" ? Plotly.Icons.camera : Plotly.Icons.disk,
        click: function (gd) {
          Plotly.downloadImage(gd, {
            format: format,
            filename: download.filename,
            width: Math.max(gd._fullLayout.width, 960),
            height: gd._fullLayout.height,
          });
        },
      };
    });
  }

  function draw(box) {
    if (box.dataset.drawn || !window.Plotly) return;
    var source = document.getElementById(box.dataset.chart);
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    var config = Object.assign({}, spec.config, { modeBarButtons: [buttons(spec.download || {})] });
    box.dataset.drawn = "1";
    box.textContent = "";
    box.classList.add("drawn");
    Plotly.newPlot(box, spec.data, spec.layout, config).then(function (gd) {
      gd.on("plotly_click", function (event) {
        var url = address(event.points && event.points[0]);
        if (url) window.location.assign(url);
      });
      // A hand over the marks that open something.
      gd.on("plotly_hover", function (event) {
        gd.querySelector(".nsewdrag").style.cursor = address(event.points[0]) ? "pointer" : "";
      });
      gd.on("plotly_unhover", function () {
        gd.querySelector(".nsewdrag").style.cursor = "";
      });
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll("[data-chart]").forEach(draw);
  }

  drawAll();
  document.addEventListener("htmx:afterSwap", function (event) { drawAll(event.detail.target); });
})();
