/* On a phone the list comes first: the filters fold away unless some are applied.
 * Without this script they stay open, as on a wide screen. */
(function () {
  "use strict";
  if (!window.matchMedia("(max-width: 40rem)").matches) return;
  document.querySelectorAll("details[data-fold-on-phone]:not([data-filtered])").forEach(function (panel) {
    panel.open = false;
  });
})();
