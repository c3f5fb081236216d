// Map layer of open early-warning alerts: the areas they name, outlined in red. Like the case
// map, no tile layer is loaded; geometry is the jurisdictions' own boundaries.
(function () {
  "use strict";
  var element = document.getElementById("alert-map");
  if (!element || !window.L) { return; }
  var map = window.L.map(element, { attributionControl: false, zoomSnap: 0.25 });

  fetch(element.dataset.source, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (collection) {
      var layer = window.L.geoJSON(collection, {
        style: function () { return { color: "#a3261b", weight: 2.5, fillColor: "#f6b7a8", fillOpacity: 0.5 }; },
        pointToLayer: function (f, latlng) {
          return window.L.circleMarker(latlng, { radius: 9, color: "#a3261b", fillColor: "#f6b7a8", fillOpacity: 0.8 });
        },
        onEachFeature: function (f, featureLayer) {
          var box = document.createElement("div");
          var title = document.createElement("strong");
          title.textContent = f.properties.name;
          box.appendChild(title);
          f.properties.alerts.forEach(function (alert) {
            box.appendChild(document.createElement("br"));
            var link = document.createElement("a");
            link.href = alert.url;
            link.textContent = alert.kind + " · " + alert.category + " · " + alert.status;
            box.appendChild(link);
          });
          featureLayer.bindPopup(box);
        }
      }).addTo(map);
      var bounds = layer.getBounds();
      if (bounds.isValid()) { map.fitBounds(bounds, { padding: [24, 24], maxZoom: 13 }); } else { map.setView([30.25, 120.15], 10); }
      element.dataset.loaded = String(collection.features.length);
    });
}());
