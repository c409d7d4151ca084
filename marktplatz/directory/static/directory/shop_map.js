/* The small map on a shop's page. Without JavaScript it stays hidden: the address above it is the
   same information as text. */
(function () {
  "use strict";
  var element = document.getElementById("shop-map");
  if (!element || !window.L) {
    return;
  }
  var position = [parseFloat(element.dataset.lat), parseFloat(element.dataset.lon)];
  if (isNaN(position[0]) || isNaN(position[1])) {
    return;
  }
  element.hidden = false;
  element.setAttribute("role", "region");
  element.setAttribute("aria-label", element.dataset.label);
  var map = L.map(element, { scrollWheelZoom: false }).setView(position, 16);
  L.tileLayer(element.dataset.tileUrl, {
    attribution: element.dataset.tileAttribution,
    maxZoom: 19,
  }).addTo(map);
  L.marker(position, { alt: element.dataset.name, title: element.dataset.name, keyboard: false }).addTo(map);
})();
