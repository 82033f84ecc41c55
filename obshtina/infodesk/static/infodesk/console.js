/* The operator console without page reloads.
 *
 * Every form works without this script (GET/POST returning the whole page).
 * Here a form with data-console-target is sent with fetch() and the header
 * HX-Request, the server answers with that part only, and the element with
 * the target id is replaced. Parts marked data-console-oob in the answer
 * replace their namesakes too (the call log after a registration). Focus
 * goes to the receipt, the first invalid field or the results.
 */
(function () {
  "use strict";

  function replaceById(html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var replaced = [];
    Array.prototype.slice.call(holder.children).forEach(function (fresh) {
      var old = fresh.id && document.getElementById(fresh.id);
      if (old) {
        old.replaceWith(fresh);
        replaced.push(fresh);
      }
    });
    return replaced;
  }

  function focusAfter(part) {
    if (!part) return;
    var target =
      part.querySelector("[data-console-focus]") ||
      part.querySelector("[aria-invalid=true]") ||
      (part.classList.contains("console-results") ? part : null);
    if (target) target.focus();
  }

  function send(form) {
    var targetId = form.getAttribute("data-console-target");
    var method = (form.getAttribute("method") || "get").toUpperCase();
    var data = new FormData(form);
    var url = form.action;
    var options = { method: method, headers: { "HX-Request": "true" }, credentials: "same-origin" };
    if (method === "GET") {
      url += "?" + new URLSearchParams(data).toString();
    } else {
      options.body = data;
    }
    var busy = form.closest(".console-part");
    if (busy) busy.classList.add("is-busy");
    return fetch(url, options)
      .then(function (response) {
        if (response.status >= 500 || response.redirected) throw new Error("fallback");
        return response.text();
      })
      .then(function (html) {
        var replaced = replaceById(html);
        var main = replaced.filter(function (el) { return el.id === targetId; })[0];
        focusAfter(main);
      })
      .catch(function () {
        form.removeAttribute("data-console-target");
        form.submit(); // the plain request still works
      })
      .finally(function () {
        if (busy) busy.classList.remove("is-busy");
      });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-console-target")) return;
    if (!window.fetch || !window.FormData) return;
    event.preventDefault();
    send(form);
  });
})();
