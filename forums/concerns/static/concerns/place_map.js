/* The map on the new-concern form: click to mark where it happened (the hidden latitude and
   longitude fields), or click a listed place to choose it. Without JavaScript, or without
   Leaflet, the form keeps the landmark list and the neighbourhood. Tiles are shown only when
   the operator configured a tile server. */
(function () {
  "use strict";
  var box = document.getElementById("concern-map-box");
  var el = document.getElementById("concern-map");
  var data = document.getElementById("concern-map-data");
  if (!box || !el || !data || !window.L) { return; }
  var config = JSON.parse(data.textContent);
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  var landmark = document.getElementById("id_landmark");
  var clear = document.getElementById("concern-map-clear");
  var status = document.getElementById("concern-map-status");
  box.hidden = false;

  var points = config.landmarks.map(function (l) { return [l.lat, l.lng]; });
  var map = L.map(el, { attributionControl: Boolean(config.attribution) });
  if (points.length) { map.fitBounds(points, { padding: [20, 20], maxZoom: 15 }); }
  else { map.setView([0, 0], 2); }
  if (config.tiles) {
    L.tileLayer(config.tiles, { attribution: config.attribution, maxZoom: 19 }).addTo(map);
  }
  config.landmarks.forEach(function (l) {
    L.circleMarker([l.lat, l.lng], { radius: 7, color: "#0b5563", weight: 2 })
      .bindTooltip(l.name).addTo(map)
      .on("click", function (event) {
        L.DomEvent.stopPropagation(event);
        if (landmark) { landmark.value = String(l.id); }
        say("Chosen from the list: " + l.name + ".");
      });
  });

  var pin = null;
  function place(latlng) {
    if (pin) { pin.setLatLng(latlng); } else {
      pin = L.circleMarker(latlng, { radius: 9, color: "#8a3b12", weight: 3, fillOpacity: 0.6 }).addTo(map);
    }
    lat.value = latlng.lat.toFixed(5);
    lng.value = latlng.lng.toFixed(5);
    clear.hidden = false;
    say("Place marked on the map.");
  }
  function say(text) { if (status) { status.textContent = text; } }

  if (lat.value && lng.value) { place(L.latLng(Number(lat.value), Number(lng.value))); }
  map.on("click", function (event) { place(event.latlng); });
  clear.addEventListener("click", function () {
    if (pin) { map.removeLayer(pin); pin = null; }
    lat.value = ""; lng.value = "";
    clear.hidden = true;
    say("The mark is removed.");
  });
})();
