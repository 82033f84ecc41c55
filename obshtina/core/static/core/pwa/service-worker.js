/* The service worker (loaded by /sw.js, whose self.PWA holds the settings):
   - precaches the offline shell: public pages fetched without cookies, so the cache
     never holds anyone's data, and the static files they need;
   - pages: network first, then the cached shell page, then the offline page;
   - static files: cache first;
   - a report form whose sending fails is kept in the device's outbox (outbox.js)
     and sent by Background Sync or by the next page that has a connection;
   - web push: shows the notification and opens its page on click.
   POSTs, other sites and every page outside the shell are never cached. */
(function () {
  "use strict";
  var config = self.PWA;
  var CACHE = "obshtina-" + config.version;
  var SHELL_REFRESH_MS = 6 * 60 * 60 * 1000;
  var SYNC_TAG = "outbox";

  function anonymous(path) {
    return fetch(new Request(path, { credentials: "omit", cache: "no-store" })).then(function (response) {
      if (!response.ok) throw new Error(path + " " + response.status);
      return response;
    });
  }

  function cachePage(cache, path) {
    return anonymous(path).then(function (response) { return cache.put(path, response); });
  }

  self.addEventListener("install", function (event) {
    event.waitUntil(
      caches.open(CACHE).then(function (cache) {
        return Promise.all([
          cache.addAll(config.static),
          Promise.all(config.pages.map(function (path) { return cachePage(cache, path); })),
        ]);
      }).then(function () { return self.skipWaiting(); })
    );
  });

  self.addEventListener("activate", function (event) {
    event.waitUntil(
      caches.keys().then(function (names) {
        return Promise.all(names.filter(function (name) {
          return name.indexOf("obshtina-") === 0 && name !== CACHE;
        }).map(function (name) { return caches.delete(name); }));
      }).then(function () { return self.clients.claim(); })
    );
  });

  function isShellPage(path) {
    return config.pages.indexOf(path) !== -1;
  }

  /* Keep the cached copy of a shell page fresh, without the visitor's cookies. */
  function refreshShellPage(path) {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(path).then(function (cached) {
        var date = cached && Date.parse(cached.headers.get("Date"));
        if (date && Date.now() - date < SHELL_REFRESH_MS) return null;
        return cachePage(cache, path);
      });
    }).catch(function () {});
  }

  function networkFirst(event, url) {
    return fetch(event.request).then(function (response) {
      if (response.ok && isShellPage(url.pathname)) {
        event.waitUntil(refreshShellPage(url.pathname));
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname, { cacheName: CACHE }).then(function (cached) {
        return cached || caches.match(config.offlinePage, { cacheName: CACHE });
      });
    });
  }

  function cacheFirst(request) {
    return caches.match(request).then(function (cached) {
      if (cached) return cached;
      return fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") {
          var copy = response.clone();
          caches.open(CACHE).then(function (cache) { return cache.put(request, copy); });
        }
        return response;
      });
    });
  }

  function registerSync() {
    if (!self.registration.sync) return Promise.resolve();
    return self.registration.sync.register(SYNC_TAG).catch(function () {});
  }

  /* Sending the form failed (no network): keep it on the device, say so on the form. */
  function postOrKeep(event, url) {
    var copy = event.request.clone();
    return fetch(event.request).catch(function () {
      var draftName = "report";
      return Promise.all([copy.formData(), DeviceStore.draftGet(draftName).catch(function () { return null; })])
        .then(function (found) {
          var draft = found[1] || {};
          var entry = DeviceStore.entryFromFormData(url.pathname, found[0], {
            kind: "report",
            title: draft.title,
            summary: draft.summary,
          });
          return DeviceStore.outboxAdd(entry);
        })
        .then(function () { return DeviceStore.draftDelete(draftName); })
        .then(registerSync)
        .then(function () { return Response.redirect(url.pathname + "?saved=1", 303); });
    });
  }

  self.addEventListener("fetch", function (event) {
    var request = event.request;
    var url = new URL(request.url);
    if (url.origin !== self.location.origin) return;
    if (request.method === "POST" && request.mode === "navigate" &&
        config.offlineForms.indexOf(url.pathname) !== -1) {
      event.respondWith(postOrKeep(event, url));
      return;
    }
    if (request.method !== "GET") return;
    if (url.pathname.indexOf(config.staticPrefix) === 0) {
      // While developing, static files change without a new name: ask the server first.
      event.respondWith(config.debug ? networkFirst(event, url) : cacheFirst(request));
    } else if (request.mode === "navigate") {
      event.respondWith(networkFirst(event, url));
    }
  });

  function tellPages(message) {
    return self.clients.matchAll({ type: "window" }).then(function (windows) {
      windows.forEach(function (client) { client.postMessage(message); });
      return windows.length;
    });
  }

  function canNotify() {
    return self.Notification && self.Notification.permission === "granted";
  }

  function drainOutbox() {
    return DeviceStore.sendOutbox({ tokenUrl: config.tokenUrl }).then(function (result) {
      var message = {
        type: "outbox",
        sent: result.sent,
        rejected: result.rejected.map(function (entry) {
          return { id: entry.id, url: entry.url, errors: entry.errors };
        }),
      };
      var told = result.sent.length || result.rejected.length ? tellPages(message) : Promise.resolve(1);
      return told.then(function (windows) {
        if (!windows && canNotify()) {
          return Promise.all(result.sent.map(function (receipt) {
            return self.registration.showNotification(config.texts.sentTitle, {
              body: config.texts.sentBody.replace("%(number)s", receipt.number),
              icon: config.icon,
              lang: "bg",
              tag: "outbox-" + receipt.number,
              data: { url: receipt.access_url || config.myDevice },
            });
          }));
        }
        return null;
      }).then(function () {
        // Background Sync tries again later when something is still waiting.
        if (result.pending > 0) throw new Error("outbox not empty");
      });
    });
  }

  self.addEventListener("sync", function (event) {
    if (event.tag === SYNC_TAG) event.waitUntil(drainOutbox());
  });

  self.addEventListener("push", function (event) {
    var data = {};
    try {
      data = event.data ? event.data.json() : {};
    } catch (error) {
      data = { body: event.data ? event.data.text() : "" };
    }
    event.waitUntil(
      self.registration.showNotification(data.title || config.texts.notificationTitle, {
        body: data.body || "",
        icon: config.icon,
        lang: "bg",
        tag: data.tag || undefined,
        data: { url: data.url || "/" },
      })
    );
  });

  self.addEventListener("notificationclick", function (event) {
    event.notification.close();
    var target = new URL((event.notification.data && event.notification.data.url) || "/", self.location.origin);
    if (target.origin !== self.location.origin) target = new URL("/", self.location.origin);
    event.waitUntil(
      self.clients.matchAll({ type: "window", includeUncontrolled: true }).then(function (windows) {
        for (var i = 0; i < windows.length; i++) {
          if (windows[i].url === target.href && "focus" in windows[i]) return windows[i].focus();
        }
        return self.clients.openWindow(target.href);
      })
    );
  });
})();
