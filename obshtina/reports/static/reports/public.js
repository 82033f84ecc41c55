// The small map on the report page: the pin where the problem is. Without
// JavaScript the page shows the coordinates instead.
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var data = document.getElementById("report-map-settings");
  if (!element || !data || typeof L === "undefined") {
    return;
  }
  var settings = JSON.parse(data.textContent);
  var position = [settings.latitude, settings.longitude];
  element.hidden = false;
  var map = L.map(element, { scrollWheelZoom: false, keyboard: false }).setView(
    position,
    settings.zoom,
  );
  L.tileLayer(settings.tileUrl, { attribution: settings.attribution, maxZoom: 19 }).addTo(map);
  // A picture of the place, not a control: nothing inside the map takes focus.
  L.marker(position, { keyboard: false, interactive: false }).addTo(map);
})();
