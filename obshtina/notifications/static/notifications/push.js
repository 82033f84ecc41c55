/* "Известия в браузъра": subscribe this browser with the site's VAPID key and tell the
   server (or unsubscribe it). The service worker (/sw.js) shows what arrives. */
(function () {
  "use strict";
  var root = document.getElementById("push-toggle");
  if (!root) return;
  var texts = JSON.parse(document.getElementById("push-texts").textContent);
  var state = document.getElementById("push-state");
  var button = document.getElementById("push-button");
  var subscription = null;

  function say(text) {
    state.textContent = text;
  }

  if (!("serviceWorker" in navigator && "PushManager" in window && "Notification" in window)) {
    say(texts.unsupported);
    return;
  }

  function applicationServerKey(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes;
  }

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function tellServer(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify(body),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) throw new Error(data.error || texts.failed);
        return data;
      });
    });
  }

  function show() {
    button.hidden = false;
    button.disabled = false;
    if (Notification.permission === "denied") {
      say(texts.denied);
      button.hidden = true;
    } else if (subscription) {
      say(texts.on);
      button.textContent = texts.turnOff;
      button.className = "secondary";
    } else {
      say(texts.off);
      button.textContent = texts.turnOn;
      button.className = "";
    }
  }

  function registration() {
    return navigator.serviceWorker.register(root.dataset.serviceWorker, { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    });
  }

  function turnOn() {
    return Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") return null;
      return registration().then(function (reg) {
        return reg.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: applicationServerKey(root.dataset.publicKey),
        });
      }).then(function (created) {
        subscription = created;
        return tellServer(root.dataset.subscribeUrl, created.toJSON()).catch(function (error) {
          // The server refused it: do not leave a subscription nobody delivers to.
          return created.unsubscribe().then(function () {
            subscription = null;
            throw error;
          });
        });
      });
    });
  }

  function turnOff() {
    var endpoint = subscription.endpoint;
    return subscription.unsubscribe().then(function () {
      subscription = null;
      return tellServer(root.dataset.unsubscribeUrl, { endpoint: endpoint });
    });
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    say(texts.working);
    (subscription ? turnOff() : turnOn()).then(show, function (error) {
      show();
      say((error && error.message) || texts.failed);
    });
  });

  var known = JSON.parse(document.getElementById("push-endpoints").textContent);
  registration().then(function (reg) {
    return reg.pushManager.getSubscription();
  }).then(function (found) {
    // Switched off from the list (or forgotten by the server): off here too.
    if (found && known.indexOf(found.endpoint) === -1) {
      return found.unsubscribe().then(function () { return null; });
    }
    return found;
  }).then(function (found) {
    subscription = found;
    show();
  }).catch(function () {
    say(texts.unsupported);
  });
})();
