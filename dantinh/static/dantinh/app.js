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
