/* The public map of reports: fetches the visible box on every move (debounced) and
   draws markers (clustered in the browser) or the server's clusters. The filter
   form and the list below the map work without this script. */
(function () {
  "use strict";
  var element = document.getElementById("report-map");
  var configElement = document.getElementById("map-config");
  if (!element || !configElement || !window.L) return;
  var config = JSON.parse(configElement.textContent);
  var strings = config.strings;
  var form = document.getElementById("map-filters");
  var status = document.getElementById("map-status");

  var map = L.map(element, { maxBounds: L.latLngBounds(config.bounds).pad(0.5) })
    .setView(config.center, config.zoom);
  L.tileLayer(config.tileUrl, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  var markers = L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 });
  var serverClusters = L.layerGroup();
  map.addLayer(markers).addLayer(serverClusters);

  function format(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (_, key) { return values[key]; });
  }

  function text(tag, className, content) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (content !== undefined) node.textContent = content;
    return node;
  }

  function row(list, label, value) {
    list.appendChild(text("dt", "", label));
    list.appendChild(text("dd", "", value));
  }

  function label(item) {
    return config.statuses[item.status] || item.status;
  }

  function popup(item) {
    var box = text("div", "map-popup");
    box.appendChild(text("p", "map-popup-number", "№ " + item.number));
    var list = text("dl");
    row(list, strings.category, item.category);
    row(list, strings.status, label(item));
    row(list, strings.date, item.date);
    if (item.answer) row(list, strings.answer, item.answer);
    box.appendChild(list);
    var link = text("a", "", strings.open);
    link.href = item.url;
    box.appendChild(link);
    return box;
  }

  function marker(item) {
    var icon = L.divIcon({
      className: "map-pin status-" + item.status,
      iconSize: [18, 18],
      iconAnchor: [9, 9],
      popupAnchor: [0, -9],
    });
    var name = item.number + " – " + item.category + " – " + label(item);
    return L.marker([item.lat, item.lng], { icon: icon, title: name, alt: name })
      .bindPopup(function () { return popup(item); });
  }

  function cluster(item) {
    var label = format(strings.cluster, { count: item.count });
    var size = item.count < 100 ? 34 : item.count < 1000 ? 42 : 52;
    var icon = L.divIcon({
      className: "map-server-cluster",
      html: "<span>" + item.count + "</span>",
      iconSize: [size, size],
      iconAnchor: [size / 2, size / 2],
    });
    return L.marker([item.lat, item.lng], { icon: icon, title: label, alt: label, keyboard: true })
      .on("click", function () {
        map.setView([item.lat, item.lng], Math.min(map.getZoom() + 2, map.getMaxZoom()));
      });
  }

  function filters() {
    var params = new URLSearchParams();
    if (!form) return params;
    Array.prototype.forEach.call(form.querySelectorAll("input:checked"), function (input) {
      params.append(input.name, input.value);
    });
    return params;
  }

  var pending = null;
  var timer = null;

  // The box asked for is widened to a grid of 64-pixel steps of the zoom: phones that
  // show nearly the same view ask for the same address, which the server and the
  // browser keep (a marker a few pixels past the edge costs nothing).
  function gridBox(bounds, zoom) {
    var step = 360 / (256 * Math.pow(2, zoom)) * 64;
    function down(value, limit) { return Math.max(limit, Math.floor(value / step) * step); }
    function up(value, limit) { return Math.min(limit, Math.ceil(value / step) * step); }
    return [down(bounds.getSouth(), -90), down(bounds.getWest(), -180),
      up(bounds.getNorth(), 90), up(bounds.getEast(), 180)];
  }

  function load() {
    var zoom = map.getZoom();
    var params = filters();
    params.set("bbox", gridBox(map.getBounds(), zoom)
      .map(function (value) { return value.toFixed(5); }).join(","));
    params.set("zoom", zoom);
    if (pending) pending.abort();
    pending = new AbortController();
    status.textContent = strings.loading;
    fetch(config.dataUrl + "?" + params.toString(), { signal: pending.signal, headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        markers.clearLayers();
        serverClusters.clearLayers();
        if (data.type === "clusters") {
          var total = 0;
          data.items.forEach(function (item) { total += item.count; serverClusters.addLayer(cluster(item)); });
          status.textContent = format(strings.clusters, { count: total });
        } else {
          markers.addLayers(data.items.map(marker));
          status.textContent = format(strings.markers, { count: data.items.length });
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") status.textContent = strings.error;
      });
  }

  function loadSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(load, 300);
  }

  map.on("moveend", loadSoon);
  if (form) form.addEventListener("change", loadSoon);
  load();
})();
