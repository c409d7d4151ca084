/* The member shops of an initiative on a map with clustered markers. Without JavaScript the map
   stays hidden and the list below it is the whole information. */
(function () {
  "use strict";
  var element = document.getElementById("member-map");
  if (!element || !window.L) {
    return;
  }
  var markers = JSON.parse(document.getElementById(element.dataset.markers).textContent);
  if (!markers.length) {
    return;
  }
  element.hidden = false;
  element.setAttribute("role", "region");
  element.setAttribute("aria-label", element.dataset.label);
  var map = L.map(element, { scrollWheelZoom: false });
  L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);
  var group = L.markerClusterGroup ? L.markerClusterGroup({ showCoverageOnHover: false }) : L.featureGroup();
  markers.forEach(function (shop) {
    var marker = L.marker([shop.lat, shop.lon], { title: shop.name, alt: shop.name });
    var popup = document.createElement("div");
    var link = document.createElement("a");
    link.href = shop.url;
    link.textContent = shop.name;
    var address = document.createElement("div");
    address.textContent = shop.address;
    popup.appendChild(link);
    popup.appendChild(address);
    marker.bindPopup(popup);
    group.addLayer(marker);
  });
  map.addLayer(group);
  map.fitBounds(
    L.latLngBounds(markers.map(function (shop) { return [shop.lat, shop.lon]; })),
    { padding: [30, 30], maxZoom: 16 }
  );
})();
