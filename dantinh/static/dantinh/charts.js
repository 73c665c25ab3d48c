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

  // Pictures drawn on the server as SVG (the map): the same two downloads, made here from the
  // <svg> in the page.
  function save(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function downloadSvg(svg, format, name) {
    var text = new XMLSerializer().serializeToString(svg);
    var blob = new Blob([text], { type: "image/svg+xml;charset=utf-8" });
    if (format === "svg") return save(blob, name + ".svg");
    var box = svg.viewBox.baseVal;
    var scale = Math.max(1, 1600 / box.width);
    var image = new Image();
    image.onload = function () {
      var canvas = document.createElement("canvas");
      canvas.width = Math.round(box.width * scale);
      canvas.height = Math.round(box.height * scale);
      var context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      URL.revokeObjectURL(image.src);
      canvas.toBlob(function (png) { save(png, name + ".png"); }, "image/png");
    };
    image.src = URL.createObjectURL(blob);
  }

  document.querySelectorAll("[data-svg-download]").forEach(function (bar) {
    var svg = document.querySelector("#" + bar.dataset.svgDownload + " svg");
    if (!svg) return;
    bar.hidden = false;
    bar.addEventListener("click", function (event) {
      var button = event.target.closest("[data-format]");
      if (button) downloadSvg(svg, button.dataset.format, bar.dataset.filename);
    });
  });
})();
