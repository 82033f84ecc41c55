/* Alerts for an area: a click on the map (or the arrow keys and Enter) fills the point's
   latitude and longitude and draws the chosen radius. Without this file the form still
   works: a settlement, or typed coordinates. */
(function () {
  "use strict";
  var form = document.getElementById("alert-form");
  var configElement = document.getElementById("alert-map-config");
  if (!form || !configElement || typeof L === "undefined") return;
  var config = JSON.parse(configElement.textContent);
  var lat = form.elements.latitude;
  var lng = form.elements.longitude;
  var radius = form.elements.radius;
  var settlement = form.elements.settlement;
  var status = document.getElementById("alert-map-status");
  var bounds = L.latLngBounds(config.bounds);

  document.getElementById("alert-map-block").hidden = false;
  var map = L.map("alert-map", { maxBounds: bounds.pad(0.2), minZoom: 9 }).setView(
    config.center,
    config.zoom
  );
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  map.attributionControl.setPrefix(false);
  var circle = null;

  function draw() {
    if (lat.value === "" || lng.value === "") return;
    var centre = L.latLng(parseFloat(lat.value), parseFloat(lng.value));
    if (circle) circle.remove();
    circle = L.circle(centre, { radius: parseInt(radius.value, 10) }).addTo(map);
  }

  function choose(latlng) {
    if (!bounds.contains(latlng)) {
      status.textContent = status.dataset.outside || "";
      return;
    }
    lat.value = latlng.lat.toFixed(6);
    lng.value = latlng.lng.toFixed(6);
    settlement.value = "";
    draw();
    status.textContent = lat.value + ", " + lng.value;
  }

  map.on("click", function (event) {
    choose(event.latlng);
  });
  map.getContainer().addEventListener("keydown", function (event) {
    if (event.key === "Enter") choose(map.getCenter());
  });
  radius.addEventListener("change", draw);
  lat.addEventListener("change", draw);
  lng.addEventListener("change", draw);
  draw();
})();
