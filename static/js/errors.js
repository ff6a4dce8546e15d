// Error summary: when a step comes back with errors, focus moves to the summary at the top, and each of
// its links moves focus to the field it names. Without this script the links still scroll to the fields.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var summary = document.getElementById("error-summary");
    if (!summary) return;
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      if (!link) return;
      var field = document.getElementById(link.getAttribute("href").slice(1));
      if (!field) return;
      event.preventDefault();
      // A field in a folded row is opened first: a closed <details> cannot take focus.
      for (var fold = field.closest("details"); fold; fold = fold.parentElement.closest("details")) {
        fold.open = true;
      }
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    });
  });
})();
