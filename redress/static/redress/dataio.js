// Polls an import's progress while the worker commits it, then reloads for the summary.
(function () {
  var card = document.getElementById("progress-card");
  if (!card || card.dataset.status !== "committing") return;
  var bar = document.getElementById("import-progress");
  var done = document.getElementById("progress-done");
  function poll() {
    fetch(card.dataset.progressUrl, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
        done.textContent = data.done;
        if (data.status === "committing") { window.setTimeout(poll, 1500); }
        else { window.location.reload(); }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
