// dantinh reporting pages: the behaviour htmx does not cover, with no inline script (the
// pages run under a Content-Security-Policy without 'unsafe-inline').
(function () {
  "use strict";

  // (data-submit-on-change and data-confirm are handled for every page by dantinh/app.js.)

  // The timeliness matrix opens on its newest periods (the one being written now and the
  // totals), the unit names staying in view on the left.
  Array.prototype.forEach.call(document.querySelectorAll(".matrix-wrap[data-scroll-end]"),
    function (wrap) { wrap.scrollLeft = wrap.scrollWidth; });

  // The report editor ---------------------------------------------------------------------
  // Each part (the header, every section) saves itself through htmx a moment after the
  // person stops typing, and says whether it is saved. A part that meets a conflict stops
  // saving itself: the person reads what is stored now and saves deliberately. Leaving the
  // page with a part not saved asks first; "Save" and "Submit" post every part at once.
  var DELAY = 2000;
  var form = document.getElementById("report-form");
  if (!form) return;
  var parts = Array.prototype.slice.call(document.querySelectorAll("[data-autosave]"));
  var leaving = false;

  function values(part) {
    return Array.prototype.map.call(
      part.querySelectorAll("textarea, input:not([type=hidden])"),
      function (field) { return field.value; }
    ).join("\u0000");
  }
  function show(part, css, text) {
    var status = part.querySelector(".save-status");
    status.className = "save-status" + (css ? " " + css : "");
    status.textContent = text;
  }
  function unsaved(part) {
    return values(part) !== part.dataset.saved || !!part.dataset.pending;
  }
  function schedule(part) {
    window.clearTimeout(part.timer);
    part.timer = window.setTimeout(function () { save(part); }, DELAY);
  }
  function remember(part) {
    var status = part.querySelector(".save-status");
    part.dataset.savedLabel = status.className.indexOf("ok") >= 0 ? status.textContent : "";
  }
  function save(part) {
    if (part.dataset.conflict) return;
    if (part.dataset.busy) { schedule(part); return; }
    if (values(part) === part.dataset.saved) {
      // Typed back to what is stored: nothing to save.
      delete part.dataset.pending;
      show(part, part.dataset.savedLabel ? "ok" : "", part.dataset.savedLabel || "");
      return;
    }
    part.dataset.busy = "1";
    part.dataset.sending = values(part);
    show(part, "", form.dataset.saving);
    htmx.trigger(part, "autosave");
  }

  parts.forEach(function (part) {
    // What the page was rendered with is what is stored, unless the server says otherwise.
    var state = part.querySelector(".save-state");
    part.dataset.saved = state && state.dataset.state === "unsaved" ? "" : values(part);
    remember(part);
    part.addEventListener("input", function () {
      if (part.dataset.conflict) return;
      part.dataset.pending = "1";
      show(part, "", form.dataset.unsaved);
      schedule(part);
    });
  });

  function partOf(event) {
    var elt = event.detail && event.detail.elt;
    return elt && parts.indexOf(elt) >= 0 ? elt : null;
  }
  // Only the editor's own answers are swapped in (not, say, a login page after a session
  // ended): anything else leaves the text marked as not saved.
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var part = partOf(event);
    if (part && !event.detail.xhr.getResponseHeader("X-Save-State")) {
      event.detail.shouldSwap = false;
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var part = partOf(event);
    if (!part) return;
    delete part.dataset.busy;
    var state = event.detail.xhr && event.detail.xhr.getResponseHeader("X-Save-State");
    if (!event.detail.successful || !state) {
      show(part, "bad", form.dataset.offline);
      return;
    }
    if (state === "saved") {
      part.dataset.saved = part.dataset.sending;
      remember(part);
      if (values(part) !== part.dataset.saved) {
        show(part, "", form.dataset.unsaved);
        schedule(part);
      } else {
        delete part.dataset.pending;
      }
    } else if (state === "conflict") {
      part.dataset.conflict = "1";
    }
  });

  form.addEventListener("submit", function () { leaving = true; });
  window.addEventListener("beforeunload", function (event) {
    if (leaving) return;
    if (parts.some(unsaved)) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
