/* The map of the search results: the points of every result page (from the JSON endpoint of the
   same search) as clustered markers. Without JavaScript the map stays hidden; the list is the
   same information as text. */
(function () {
  "use strict";
  var element = document.getElementById("search-map");
  if (!element || !window.L || !window.fetch) {
    return;
  }
  var section = element.closest("[data-map-section]");
  var note = section && section.querySelector(".map-note");

  fetch(element.dataset.pointsUrl, { headers: { Accept: "application/json" } })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      if (!data || !data.points.length) {
        return;
      }
      if (section) {
        section.hidden = false;
      }
      element.setAttribute("role", "region");
      element.setAttribute("aria-label", element.dataset.label);
      var center = element.dataset.center.split(",").map(parseFloat);
      var map = L.map(element, { scrollWheelZoom: false }).setView(center, 8);
      L.tileLayer(element.dataset.tileUrl, {
        attribution: element.dataset.tileAttribution,
        maxZoom: 19,
      }).addTo(map);
      var group = L.markerClusterGroup
        ? L.markerClusterGroup({ showCoverageOnHover: false, chunkedLoading: true })
        : L.featureGroup();
      var bounds = [];
      data.points.forEach(function (point) {
        var lat = point[0], lon = point[1], name = point[2], slug = point[3];
        var marker = L.marker([lat, lon], { title: name, alt: name });
        var link = document.createElement("a");
        link.href = data.url_template.replace("__slug__", encodeURIComponent(slug));
        link.textContent = name;
        marker.bindPopup(link);
        group.addLayer(marker);
        bounds.push([lat, lon]);
      });
      map.addLayer(group);
      map.fitBounds(L.latLngBounds(bounds), { padding: [30, 30], maxZoom: 15 });
      if (data.truncated && note) {
        note.textContent = element.dataset.truncated;
      }
    })
    .catch(function () {
      /* The list is complete without the map. */
    });
})();
