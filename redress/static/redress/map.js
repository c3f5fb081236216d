// Staff map: jurisdiction boundaries shaded by open cases, and open cases as points.
// No tile layer: the machine and many offices are offline, and boundaries are our own data.
(function () {
  "use strict";
  var element = document.getElementById("map");
  if (!element || !window.L) { return; }
  var map = window.L.map(element, { attributionControl: false, preferCanvas: true, zoomSnap: 0.25 });
  var openLabel = element.dataset.openLabel;

  function shade(open, max) {
    if (!open) { return "#e8eef5"; }
    var t = Math.min(1, open / Math.max(1, max));
    var light = Math.round(85 - t * 45);
    return "hsl(25, 75%, " + light + "%)";
  }
  function escapeText(text) {
    var div = document.createElement("div");
    div.textContent = text;
    return div.innerHTML;
  }

  // Early-warning alerts as an overlay (for the roles that see alerts): the areas they name,
  // outlined in red, each with links to its alerts; a layer switch turns them off.
  function addAlertLayer(caseLayer) {
    fetch(element.dataset.alertsSource, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (collection) {
        var alertLayer = window.L.geoJSON(collection, {
          style: function () { return { color: "#a3261b", weight: 3, fill: false }; },
          pointToLayer: function (f, latlng) {
            return window.L.circleMarker(latlng, { radius: 10, color: "#a3261b", weight: 3, fill: false });
          },
          onEachFeature: function (f, layer) {
            var box = document.createElement("div");
            var title = document.createElement("strong");
            title.textContent = f.properties.name;
            box.appendChild(title);
            (f.properties.alerts || []).forEach(function (alert) {
              box.appendChild(document.createElement("br"));
              var link = document.createElement("a");
              link.href = alert.url;
              link.textContent = alert.kind + " · " + (alert.category || "") + " · " + alert.status;
              box.appendChild(link);
            });
            layer.bindPopup(box);
          }
        }).addTo(map);
        var overlays = {};
        overlays[element.dataset.casesLabel] = caseLayer;
        overlays[element.dataset.alertsLabel] = alertLayer;
        window.L.control.layers(null, overlays, { collapsed: false }).addTo(map);
        element.dataset.alerts = String(collection.features.length);
      });
  }

  fetch(element.dataset.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var areas = collection.features.filter(function (f) { return f.properties.kind === "area" && f.geometry; });
      var cases = collection.features.filter(function (f) { return f.properties.kind === "case"; });
      // Shade the finest level present (villages, usually); outline the levels above it.
      var finest = areas.some(function (f) { return f.properties.level === "village"; }) ? "village" : null;
      var shaded = areas.filter(function (f) { return !finest || f.properties.level === finest; });
      var max = shaded.reduce(function (m, f) { return Math.max(m, f.properties.open); }, 0);
      var areaLayer = window.L.geoJSON({ type: "FeatureCollection", features: areas }, {
        style: function (f) {
          if (finest && f.properties.level !== finest) {
            return { color: "#17324f", weight: 2.5, fill: false };
          }
          return { color: "#8a96a6", weight: 0.8, fillOpacity: 0.85, fillColor: shade(f.properties.open, max) };
        },
        onEachFeature: function (f, layer) {
          layer.bindTooltip(escapeText(f.properties.name) + ": " + f.properties.open + " " + escapeText(openLabel));
        }
      }).addTo(map);
      var caseLayer = window.L.geoJSON({ type: "FeatureCollection", features: cases }, {
        pointToLayer: function (f, latlng) {
          return window.L.circleMarker(latlng, { radius: 5, weight: 1, color: "#fff",
            fillColor: f.properties.overdue ? "#a3261b" : "#1f5fa8", fillOpacity: 0.9 });
        },
        onEachFeature: function (f, layer) {
          var link = document.createElement("a");
          link.href = f.properties.url;
          link.textContent = f.properties.title;
          var box = document.createElement("div");
          box.appendChild(link);
          box.appendChild(document.createElement("br"));
          box.appendChild(document.createTextNode(f.properties.category + " · " + f.properties.status));
          layer.bindPopup(box);
        }
      }).addTo(map);
      if (element.dataset.alertsSource) { addAlertLayer(caseLayer); }
      var bounds = areaLayer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [12, 12] }); } else { map.setView([30.25, 120.15], 11); }
      element.dataset.loaded = String(areas.length + cases.length);
    });
}());
