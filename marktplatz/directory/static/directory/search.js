/* The search form's "Use my location" button: the browser's position goes into the "where" field
   as "lat,lon" and the form is sent. Without JavaScript (or geolocation) the button stays hidden
   and the field takes a postal code or town as usual. */
(function () {
  "use strict";
  if (!("geolocation" in navigator)) {
    return;
  }
  document.querySelectorAll("[data-locate]").forEach(function (button) {
    var form = button.closest("form");
    var input = form && form.querySelector("input[name=near]");
    var status = form && form.querySelector(".locate-status");
    if (!input) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (status) {
        status.textContent = button.dataset.locating;
      }
      button.disabled = true;
      navigator.geolocation.getCurrentPosition(
        function (position) {
          input.value = position.coords.latitude.toFixed(5) + "," + position.coords.longitude.toFixed(5);
          form.submit();
        },
        function () {
          button.disabled = false;
          if (status) {
            status.textContent = button.dataset.failed;
          }
          input.focus();
        },
        { enableHighAccuracy: false, timeout: 10000, maximumAge: 300000 }
      );
    });
  });
})();
