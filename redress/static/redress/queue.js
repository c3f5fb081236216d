// Work queue: keyboard moves between cases (j/k, Enter opens; "/" jumps to search via the
// accesskey) and "select all" ticks every case on the page. Works without it, too.
(function () {
  "use strict";
  var table = document.getElementById("queue");
  if (!table) { return; }
  var links = Array.prototype.slice.call(table.querySelectorAll("tbody a"));
  var current = -1;

  function focusRow(index) {
    if (!links.length) { return; }
    current = Math.max(0, Math.min(links.length - 1, index));
    links[current].focus();
  }

  document.addEventListener("keydown", function (event) {
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "textarea" || tag === "select" || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.key === "j") { focusRow(current + 1); event.preventDefault(); }
    if (event.key === "k") { focusRow(current - 1); event.preventDefault(); }
    if (event.key === "/") {
      var search = document.getElementById("id_q");
      if (search) { search.focus(); event.preventDefault(); }
    }
  });

  var all = document.getElementById("select-all");
  if (all) {
    all.addEventListener("change", function () {
      table.querySelectorAll("tbody input[type=checkbox]").forEach(function (box) {
        box.checked = all.checked;
      });
    });
  }
}());
