// Pain LMN: a table wider than the screen (phones, 200 % zoom) scrolls sideways; make that scroll area
// reachable by keyboard (WCAG 2.1.1) only while it actually scrolls, so wide screens keep no extra tab stop.
(function () {
  "use strict";

  function fit(area) {
    var scrolls = area.scrollWidth > area.clientWidth + 1;
    if (scrolls && !area.hasAttribute("tabindex")) {
      var caption = area.querySelector("caption");
      area.tabIndex = 0;
      area.setAttribute("role", "region");
      area.setAttribute("aria-label", (caption ? caption.textContent.trim() : "Table") + ", scrolls sideways");
      area.setAttribute("data-scroll-region", "");
    } else if (!scrolls && area.hasAttribute("data-scroll-region")) {
      ["tabindex", "role", "aria-label", "data-scroll-region"].forEach(function (name) { area.removeAttribute(name); });
    }
  }

  function fitAll() {
    document.querySelectorAll(".table-responsive").forEach(fit);
  }

  document.addEventListener("DOMContentLoaded", fitAll);
  window.addEventListener("resize", fitAll);
})();
