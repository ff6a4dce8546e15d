// Pain LMN step list: below the lg breakpoint (phones, 200 % zoom) the list of steps folds into
// "Steps (4 of 10)" above the form; from lg up it is the open sidebar. Without this script it stays open.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", function () {
    var steps = document.querySelector(".step-details");
    if (!steps || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 992px)");
    var fit = function () { steps.open = wide.matches; };
    fit();
    wide.addEventListener("change", fit);
  });
})();
