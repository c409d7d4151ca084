/* The shop owner's back office: small enhancements; every page works without them. */
(function () {
  "use strict";

  function copyMonday(button) {
    var form = button.form;
    var status = document.getElementById("copy-status");
    button.addEventListener("click", function (event) {
      event.preventDefault();
      for (var day = 1; day <= 4; day++) {
        for (var slot = 0; slot < 3; slot++) {
          ["opens", "closes"].forEach(function (part) {
            var source = form.elements["d0_" + slot + "_" + part];
            var target = form.elements["d" + day + "_" + slot + "_" + part];
            if (source && target) {
              target.value = source.value;
              if (slot > 0 && source.value) {
                var details = target.closest("details");
                if (details) details.open = true;
              }
            }
          });
        }
      }
      if (status) status.textContent = button.dataset.done || status.dataset.done || "";
    });
  }

  function serviceSwitches() {
    document.querySelectorAll("fieldset.service").forEach(function (fieldset) {
      var checkbox = fieldset.querySelector("input[type=checkbox]");
      var details = fieldset.querySelector("[data-service-details]");
      if (!checkbox || !details) return;
      var sync = function () {
        details.hidden = !checkbox.checked && !details.querySelector(".errorlist");
      };
      checkbox.addEventListener("change", sync);
      sync();
    });
  }

  function specialDayTimes() {
    var row = document.querySelector("[data-special-hours]");
    var radios = document.querySelectorAll("input[name=kind]");
    if (!row || !radios.length) return;
    var sync = function () {
      var closed = document.querySelector("input[name=kind]:checked");
      row.hidden = closed && closed.value === "closed" && !row.querySelector(".errorlist");
    };
    radios.forEach(function (radio) { radio.addEventListener("change", sync); });
    sync();
  }

  function locationMap() {
    var element = document.getElementById("location-map");
    var latInput = document.getElementById("id_lat");
    var lonInput = document.getElementById("id_lon");
    if (!element || !latInput || !lonInput || !window.L) return;
    var lat = parseFloat(latInput.value);
    var lon = parseFloat(lonInput.value);
    if (isNaN(lat) || isNaN(lon)) return;
    element.hidden = false;
    var map = L.map(element, { scrollWheelZoom: false }).setView([lat, lon], 17);
    L.tileLayer(element.dataset.tileUrl, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
    var marker = L.marker([lat, lon], {
      draggable: true,
      autoPan: true,
      title: element.dataset.markerTitle,
      alt: element.dataset.markerTitle
    }).addTo(map);
    var write = function (position) {
      latInput.value = position.lat.toFixed(6);
      lonInput.value = position.lng.toFixed(6);
    };
    marker.on("dragend", function () { write(marker.getLatLng()); });
    map.on("click", function (event) { marker.setLatLng(event.latlng); write(event.latlng); });
    var read = function () {
      var newLat = parseFloat(latInput.value);
      var newLon = parseFloat(lonInput.value);
      if (!isNaN(newLat) && !isNaN(newLon)) {
        marker.setLatLng([newLat, newLon]);
        map.panTo([newLat, newLon]);
      }
    };
    latInput.addEventListener("change", read);
    lonInput.addEventListener("change", read);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("[data-copy-monday]").forEach(copyMonday);
    serviceSwitches();
    specialDayTimes();
    locationMap();
    var errors = document.getElementById("form-errors");
    if (errors) errors.focus();
  });
})();
