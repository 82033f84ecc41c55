/* The header's menus are <details> and work without this file. With it, Escape closes
   the open menu (the focus goes back to its button) and a tap elsewhere closes it. */
(function () {
  "use strict";
  var menus = document.querySelectorAll("details.header-menu");

  function closeAll(except) {
    menus.forEach(function (menu) {
      if (menu !== except) menu.open = false;
    });
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelector("details.header-menu[open]");
    if (!open) return;
    open.open = false;
    open.querySelector("summary").focus();
  });

  document.addEventListener("click", function (event) {
    closeAll(event.target.closest("details.header-menu"));
  });
})();
