/* The product form: show product-safety or food fields for the chosen category. Works without it. */
(function () {
  "use strict";

  function legalFields() {
    var select = document.getElementById("id_category");
    var data = document.getElementById("food-categories");
    if (!select || !data) return;
    var food = JSON.parse(data.textContent).map(String);
    var hint = document.querySelector("[data-legal-hint]");
    var safety = document.querySelector("[data-legal=safety]");
    var foodFields = document.querySelector("[data-legal=food]");
    var sync = function () {
      var chosen = select.value;
      var isFood = food.indexOf(chosen) !== -1;
      var hasErrors = function (element) { return element && element.querySelector(".errorlist"); };
      if (hint) hint.hidden = chosen !== "";
      if (safety) safety.hidden = chosen !== "" && isFood && !hasErrors(safety);
      if (foodFields) foodFields.hidden = chosen !== "" && !isFood && !hasErrors(foodFields);
    };
    select.addEventListener("change", sync);
    sync();
  }

  legalFields();
})();
