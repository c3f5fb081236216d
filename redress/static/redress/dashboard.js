// Dashboard charts, drawn from the JSON the page embeds (no inline script: CSP allows 'self').
(function () {
  "use strict";
  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }
  var palette = ["#1f5fa8", "#d9822b", "#2e8b57", "#a3261b", "#6b4fa8", "#2b9fb3", "#8a5a00",
    "#c2185b", "#5d6d7e", "#7cb342", "#f4b400", "#3949ab", "#00897b", "#795548"];
  var labels = document.getElementById("chart-labels").dataset;
  var months = data("data-months");
  if (months && window.Chart) {
    new window.Chart(document.getElementById("chart-months"), {
      type: "bar",
      data: {
        labels: months.labels,
        datasets: months.series.map(function (series, index) {
          return { label: series.name, data: series.counts, backgroundColor: palette[index % palette.length] };
        })
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false,
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
        plugins: { legend: { position: "bottom", labels: { boxWidth: 12 } } } }
    });
  }
  var areas = data("data-areas");
  if (areas && window.Chart) {
    new window.Chart(document.getElementById("chart-areas"), {
      type: "bar",
      data: {
        labels: areas.map(function (a) { return a.name; }),
        datasets: [
          { label: labels.open, data: areas.map(function (a) { return a.open; }), backgroundColor: "#d9822b" },
          { label: labels.total, data: areas.map(function (a) { return a.total; }), backgroundColor: "#9fb8d6" }
        ]
      },
      options: { responsive: true, maintainAspectRatio: false, animation: false, indexAxis: "y",
        plugins: { legend: { position: "bottom" } } }
    });
  }
}());
