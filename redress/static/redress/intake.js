// Operator entry: a suggested category can be taken with one click.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-set-category]");
    if (!button) { return; }
    var select = document.getElementById("id_category");
    select.value = button.getAttribute("data-set-category");
    select.dispatchEvent(new Event("change", { bubbles: true }));
    select.focus();
  });
}());
