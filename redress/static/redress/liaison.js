// The weekly report: "Add a matter" copies the empty matter row of the Django formset.
(function () {
  "use strict";
  var button = document.getElementById("add-matter");
  var template = document.getElementById("matter-template");
  var total = document.getElementById("id_matters-TOTAL_FORMS");
  var list = document.getElementById("matters");
  if (!button || !template || !total || !list) return;
  button.addEventListener("click", function () {
    var index = parseInt(total.value, 10);
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    list.insertAdjacentHTML("beforeend", html);
    total.value = String(index + 1);
    var first = list.lastElementChild && list.lastElementChild.querySelector("select, input, textarea");
    if (first) first.focus();
  });
})();
