/* "Подай сигнал": the map fills the latitude/longitude fields; the nearby-reports
   box asks the server once a category and a place are known. Without this file
   the form still works: settlement select or typed coordinates. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  var configElement = document.getElementById("map-config");
  if (!form || !configElement || typeof L === "undefined") return;
  var config = JSON.parse(configElement.textContent);
  var texts = JSON.parse(document.getElementById("map-texts").textContent);

  var latInput = form.elements.latitude;
  var lngInput = form.elements.longitude;
  var categorySelect = form.elements.category;
  var settlementSelect = form.elements.settlement;
  var status = document.getElementById("place-status");
  var nearbyBox = document.getElementById("nearby");
  var nearbyResults = document.getElementById("nearby-results");
  var bounds = L.latLngBounds(config.bounds);

  document.getElementById("map-block").hidden = false;
  var map = L.map("report-map", {
    maxBounds: bounds.pad(0.2),
    minZoom: 9,
  }).setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  map.attributionControl.setPrefix(false);
  var marker = null;

  function round(value) {
    return Math.round(value * 1e6) / 1e6;
  }

  function say(text) {
    status.textContent = text;
  }

  function placePin(latlng, announce) {
    if (!bounds.contains(latlng)) {
      say(texts.outside);
      return;
    }
    if (marker) {
      marker.setLatLng(latlng);
    } else {
      marker = L.marker(latlng, { draggable: true, keyboard: true, title: texts.marker, alt: texts.marker }).addTo(map);
      marker.on("dragend", function () {
        placePin(marker.getLatLng(), true);
      });
    }
    latInput.value = round(latlng.lat);
    lngInput.value = round(latlng.lng);
    form.dispatchEvent(new CustomEvent("report:place", { bubbles: true }));
    if (announce) {
      say(texts.chosen + " " + latInput.value + ", " + lngInput.value);
    }
    lookNearby();
  }

  form.addEventListener("report:street", function (event) {
    var latlng = L.latLng(event.detail.lat, event.detail.lng);
    map.setView(latlng, Math.max(map.getZoom(), 17));
    placePin(latlng, false);
  });

  map.on("click", function (event) {
    placePin(event.latlng, true);
  });

  document.getElementById("pin-centre").addEventListener("click", function () {
    placePin(map.getCenter(), true);
  });

  var locateButton = document.getElementById("locate-me");
  if (!("geolocation" in navigator)) {
    locateButton.hidden = true;
  }
  locateButton.addEventListener("click", function () {
    say(texts.locating);
    navigator.geolocation.getCurrentPosition(
      function (position) {
        var latlng = L.latLng(position.coords.latitude, position.coords.longitude);
        if (!bounds.contains(latlng)) {
          say(texts.youAreOutside);
          return;
        }
        map.setView(latlng, 17);
        placePin(latlng, true);
      },
      function (error) {
        say(error.code === error.PERMISSION_DENIED ? texts.locationRefused : texts.noLocation);
      },
      { enableHighAccuracy: true, timeout: 15000 }
    );
  });

  settlementSelect.addEventListener("change", function () {
    var point = config.settlements[settlementSelect.value];
    if (!point) return;
    map.setView(point, 15);
    if (!marker) {
      say(texts.settlementShown);
    }
  });

  function typedCoordinates() {
    var lat = parseFloat(latInput.value);
    var lng = parseFloat(lngInput.value);
    if (isNaN(lat) || isNaN(lng)) return;
    var latlng = L.latLng(lat, lng);
    map.setView(latlng, Math.max(map.getZoom(), 15));
    placePin(latlng, false);
  }
  latInput.addEventListener("change", typedCoordinates);
  lngInput.addEventListener("change", typedCoordinates);
  categorySelect.addEventListener("change", lookNearby);

  var timer = null;
  var lastQuery = "";
  function lookNearby() {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      if (!categorySelect.value || !latInput.value || !lngInput.value) return;
      var query = new URLSearchParams({
        category: categorySelect.value,
        lat: latInput.value,
        lng: lngInput.value,
      }).toString();
      if (query === lastQuery) return;
      lastQuery = query;
      fetch(form.dataset.nearbyUrl + "?" + query, { headers: { Accept: "text/html" } })
        .then(function (response) {
          return response.ok ? response.text() : "";
        })
        .then(function (html) {
          nearbyBox.hidden = false;
          nearbyResults.innerHTML = html;
        })
        .catch(function () {
          nearbyBox.hidden = true;
        });
    }, 400);
  }

  // A form sent back with errors keeps its place: show it again.
  if (latInput.value && lngInput.value) {
    typedCoordinates();
  }
})();
