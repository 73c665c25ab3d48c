// Skip rules on the answer form: a question with data-show-if="code" and
// data-show-values="a b" is shown only while one of those choices of "code" is picked.
(function () {
  function picked(form, code) {
    return Array.from(form.querySelectorAll('[name="' + code + '"]'))
      .filter(function (el) { return (el.type === "radio" || el.type === "checkbox") ? el.checked : el.value; })
      .map(function (el) { return el.value; });
  }
  function apply(form) {
    form.querySelectorAll("[data-show-if]").forEach(function (box) {
      var wanted = box.dataset.showValues.split(" ");
      var values = picked(form, box.dataset.showIf);
      var shown = values.some(function (v) { return wanted.indexOf(v) >= 0; });
      box.hidden = !shown;
      box.querySelectorAll("input, select, textarea").forEach(function (el) { el.disabled = !shown; });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-survey]").forEach(function (form) {
      apply(form);
      form.addEventListener("change", function () { apply(form); });
    });
  });
})();
