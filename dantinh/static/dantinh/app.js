// dantinh: the little behaviour htmx does not cover. Written for the project.
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-pick]");
  if (!button) return;
  var box = button.closest(".suggest");
  box.querySelector("input[type=hidden]").value = button.dataset.pick;
  var text = box.querySelector("input[type=text]");
  text.value = button.dataset.label;
  box.querySelector("ul").innerHTML = "";
  text.dispatchEvent(new Event("picked", { bubbles: true }));
  var form = box.closest("form");
  if (form && form.hasAttribute("data-autosubmit")) htmx.trigger(form, "change");
});
document.addEventListener("input", function (event) {
  // Clearing the unit box clears the choice.
  var box = event.target.closest(".suggest");
  if (box && event.target.type === "text" && event.target.value.trim() === "") {
    box.querySelector("input[type=hidden]").value = "";
    var form = box.closest("form");
    if (form && form.hasAttribute("data-autosubmit")) htmx.trigger(form, "change");
  }
});
document.addEventListener("keydown", function (event) {
  if (event.key === "Escape") {
    document.querySelectorAll(".suggest ul").forEach(function (ul) { ul.innerHTML = ""; });
  }
});

// Item entry: the model's suggestions fill the choices the person has not made yet; what the
// person sets by hand is never overwritten.
document.addEventListener("change", function (event) {
  if (event.isTrusted && event.target.matches("select, input")) event.target.dataset.touched = "1";
});
document.addEventListener("picked", function (event) {
  var box = event.target.closest(".suggest");
  if (box) box.querySelector("input[type=text]").dataset.touched = "1";
});
document.addEventListener("htmx:afterSwap", function (event) {
  var box = document.getElementById("suggestions");
  if (!box || !event.detail.target || event.detail.target.id !== "suggestions") return;
  if (!box.dataset.modelVersion) return;
  ["kind", "field", "mood", "authority"].forEach(function (name) {
    var select = document.getElementById("id_" + name);
    var value = box.dataset[name];
    if (!select || select.dataset.touched) return;
    if (value) select.value = value;
    // unsure now: an answer filled in earlier as the person typed is taken back
    else if (box.querySelector('[data-choices="' + name + '"]')) select.value = "";
  });
  var unitText = document.getElementById("id_unit_q");
  if (unitText && box.dataset.unit && !unitText.dataset.touched) {
    var unit = document.getElementById("id_unit");
    var moved = unit.value !== box.dataset.unit;
    unit.value = box.dataset.unit;
    unitText.value = box.dataset.unitLabel;
    // "May already be logged" looks at the items about the chosen place: look again.
    var similar = document.getElementById("similar");
    if (moved && similar) htmx.trigger(similar, "refresh");
  }
  document.getElementById("id_model_version").value = box.dataset.modelVersion;
  document.getElementById("id_suggested").value = box.dataset.suggested;
});

// When the model is unsure of a label it offers its two likeliest answers instead of filling
// one: a click puts that answer in the list (an empty value is "no mood").
document.addEventListener("click", function (event) {
  var button = event.target.closest("[data-choose]");
  if (!button) return;
  var select = document.getElementById("id_" + button.dataset.choose);
  if (!select) return;
  select.value = button.dataset.value;
  select.dataset.touched = "1";
  button.closest("[data-choices]").querySelectorAll("[data-choose]").forEach(function (other) {
    other.setAttribute("aria-pressed", other === button ? "true" : "false");
  });
  if (button.dataset.choose === "authority") {
    var details = select.closest("details");
    if (details) details.open = true;
  }
});

// Forms that ask before they are sent (deleting for good): data-confirm holds the question.
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// Dates are typed day first (dd/mm/yyyy) whatever the browser's language: on a phone's number
// keys there is no slash, so typing only digits puts the slashes in ("15102026" → 15/10/2026).
// Whoever types the slashes themselves is left alone.
document.addEventListener("input", function (event) {
  var box = event.target;
  if (!box.matches || !box.matches("input[data-date]")) return;
  if (event.inputType && event.inputType.indexOf("delete") === 0) return;
  var value = box.value.trim();
  // only digits, or digits with the slashes this put in (after two-digit day and month)
  if (!/^(\d{3,8}|\d{2}\/\d{1,3}|\d{2}\/\d{2}\/\d{1,4})$/.test(value)) return;
  var digits = value.replace(/\D/g, "").slice(0, 8);
  if (digits.length < 3) return;
  box.value = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean).join("/");
});

// A select that submits its form when changed (the Content-Security-Policy allows no inline
// handler such as onchange="this.form.submit()").
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});
