/* On every page: register the service worker; remember a receipt the page shows
   (number and private link) on the device; send what waits in the device's outbox
   whenever there is a connection, and tell the citizen what became of it. */
(function () {
  "use strict";
  var config = document.currentScript.dataset;
  var store = window.DeviceStore;
  var channel = "BroadcastChannel" in window ? new BroadcastChannel("obshtina-device") : null;
  var region = null;

  if ("serviceWorker" in navigator && config.serviceWorker) {
    navigator.serviceWorker.register(config.serviceWorker, { scope: "/" }).catch(function () {});
    navigator.serviceWorker.addEventListener("message", function (event) {
      show(event.data);
    });
  }
  if (!store || !("indexedDB" in window)) return;

  function statusRegion() {
    if (!region) {
      region = document.createElement("div");
      region.className = "device-notices";
      region.setAttribute("role", "status");
      var main = document.getElementById("main") || document.body;
      main.insertBefore(region, main.firstChild);
    }
    return region;
  }
  statusRegion();

  function notice(text, href, label) {
    var paragraph = document.createElement("p");
    paragraph.className = "device-notice";
    paragraph.appendChild(document.createTextNode(text + " "));
    if (href) {
      var link = document.createElement("a");
      link.href = href;
      link.textContent = label;
      paragraph.appendChild(link);
    }
    statusRegion().appendChild(paragraph);
  }

  function show(message) {
    if (!message || message.type !== "outbox") return;
    (message.sent || []).forEach(function (receipt) {
      notice(
        config.sent.replace("%(number)s", receipt.number),
        receipt.access_url || receipt.url,
        config.open
      );
    });
    (message.rejected || []).forEach(function (entry) {
      notice(
        config.rejected + " " + (entry.errors || []).join(" "),
        entry.url + "?restore=" + encodeURIComponent(entry.id),
        config.fix
      );
    });
    document.dispatchEvent(new CustomEvent("device:outbox", { detail: message }));
  }

  function drain() {
    if (!navigator.onLine) return;
    store.sendOutbox({ tokenUrl: config.tokenUrl }).then(function (result) {
      if (!result.sent.length && !result.rejected.length) return;
      var message = {
        type: "outbox",
        sent: result.sent,
        rejected: result.rejected.map(function (entry) {
          return { id: entry.id, url: entry.url, errors: entry.errors };
        }),
      };
      show(message);
      if (channel) channel.postMessage(message);
    }).catch(function () {});
  }

  function rememberReceipts() {
    var items = document.querySelectorAll("[data-remember-item]");
    Array.prototype.forEach.call(items, function (element) {
      var data = element.dataset;
      store.itemRemember({
        number: data.number,
        kind: data.kind,
        title: data.title,
        url: data.url,
        access_url: data.accessUrl,
      }).then(function () {
        var note = element.querySelector("[data-remember-note]");
        if (note) note.hidden = false;
        // The form was sent: its draft has served its purpose.
        if (data.draft) return store.draftDelete(data.draft);
      }).catch(function () {});
    });
  }

  if (channel) {
    channel.onmessage = function (event) { show(event.data); };
  }
  window.addEventListener("online", drain);
  document.addEventListener("device:drain", drain);
  rememberReceipts();
  drain();
})();
