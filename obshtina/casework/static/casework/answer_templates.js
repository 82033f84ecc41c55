/* Answer templates without a page reload.
 *
 * Every picker works without this script: "Попълни" posts the form, the server
 * saves nothing and shows the page again with the template's text filled in.
 * Here the texts rendered into the page (a JSON block per picker) fill the text
 * area in place, and choosing a status whose template fills in automatically
 * fills an empty text area. The script may be included once per picker; each
 * picker is set up once.
 */
(function () {
  "use strict";

  function setUp(picker) {
    if (picker.hasAttribute("data-template-ready")) return;
    picker.setAttribute("data-template-ready", "");
    var data = JSON.parse(document.getElementById(picker.getAttribute("data-template-picker")).textContent);
    var target = document.getElementById(picker.getAttribute("data-template-target"));
    var select = picker.querySelector("select");
    var button = picker.querySelector("button");
    var form = picker.closest("form");
    var statusName = picker.getAttribute("data-template-status");
    if (!target || !select || !form) return;

    function statusValue() {
      if (!statusName) return "";
      var field = form.elements.namedItem(statusName);
      if (!field) return "";
      return field.value || "";
    }

    function fill(templateId) {
      if (!templateId || !(templateId in data.texts)) return false;
      target.value = data.texts[templateId];
      select.value = templateId;
      target.dispatchEvent(new Event("input", { bubbles: true }));
      return true;
    }

    button.addEventListener("click", function (event) {
      var chosen = select.value || data.auto[statusValue()];
      if (fill(chosen)) {
        event.preventDefault();
        target.focus();
      }
    });

    if (statusName) {
      form.addEventListener("change", function (event) {
        if (event.target.name !== statusName) return;
        if (target.value.trim() === "") fill(data.auto[statusValue()]);
      });
    }
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-template-picker]"), setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpAll);
  } else {
    setUpAll();
  }
})();
