// Narrows a table to the rows holding every word typed in its filter box.
// A `?q=words` in the page address fills the boxes on load.
(function () {
  "use strict";
  function apply(input) {
    var id = input.getAttribute("data-table");
    var table = document.getElementById(id);
    if (!table || !table.tBodies.length) return;
    var words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    var rows = table.tBodies[0].rows;
    var shown = 0;
    for (var i = 0; i < rows.length; i++) {
      var text = rows[i].textContent.toLowerCase();
      var keep = words.every(function (w) { return text.indexOf(w) !== -1; });
      rows[i].hidden = !keep;
      if (keep) shown++;
    }
    var count = document.getElementById(id + "-count");
    if (count) count.textContent = words.length ? shown + " of " + rows.length + " rows shown" : "";
  }
  document.addEventListener("DOMContentLoaded", function () {
    var q = new URLSearchParams(window.location.search).get("q");
    var inputs = document.querySelectorAll("input.filter");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      if (q) input.value = q;
      input.addEventListener("input", function (e) { apply(e.target); });
      apply(input);
    }
  });
})();
