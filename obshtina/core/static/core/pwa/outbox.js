/* What the device keeps for the citizen, in IndexedDB, for pages and the service
   worker alike (the worker loads this file with importScripts):
   - "outbox": forms saved without a connection, sent when it returns;
   - "items": numbers and private links of what was submitted from this device;
   - "drafts": what is being typed in a form, so closing the page loses nothing.
   Sending asks the server for JSON (Accept: application/json) and passes the form's
   random submission key as the Idempotency-Key header, so a try whose answer was lost
   gets the first receipt back and never files the same report twice. */
(function (global) {
  "use strict";
  var DB_NAME = "obshtina-device";
  var DB_VERSION = 1;
  var LOCK = "obshtina-outbox";
  var SKIPPED_FIELDS = { csrfmiddlewaretoken: true, website: true };
  var dbPromise = null;

  function request(idbRequest) {
    return new Promise(function (resolve, reject) {
      idbRequest.onsuccess = function () { resolve(idbRequest.result); };
      idbRequest.onerror = function () { reject(idbRequest.error); };
    });
  }

  function open() {
    if (!dbPromise) {
      dbPromise = new Promise(function (resolve, reject) {
        var opening = global.indexedDB.open(DB_NAME, DB_VERSION);
        opening.onupgradeneeded = function () {
          var db = opening.result;
          db.createObjectStore("outbox", { keyPath: "id", autoIncrement: true });
          db.createObjectStore("items", { keyPath: "number" });
          db.createObjectStore("drafts", { keyPath: "name" });
        };
        opening.onsuccess = function () { resolve(opening.result); };
        opening.onerror = function () { reject(opening.error); };
      });
      dbPromise.catch(function () { dbPromise = null; });
    }
    return dbPromise;
  }

  /* Run work(store) in one transaction; resolves with its request's result once committed. */
  function inStore(name, mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(name, mode);
        var result;
        var pending = work(transaction.objectStore(name));
        if (pending) {
          pending.onsuccess = function () { result = pending.result; };
        }
        transaction.oncomplete = function () { resolve(result); };
        transaction.onerror = function () { reject(transaction.error); };
        transaction.onabort = function () { reject(transaction.error); };
      });
    });
  }

  function all(name) {
    return inStore(name, "readonly", function (store) { return store.getAll(); });
  }

  function randomKey() {
    if (global.crypto && global.crypto.randomUUID) return global.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    global.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }

  /* A form's data as stored: text fields and files (Blobs), without the CSRF token
     and the honeypot. Empty file inputs give no file. */
  function entryFromFormData(url, formData, meta) {
    var fields = [];
    var files = [];
    formData.forEach(function (value, name) {
      if (SKIPPED_FIELDS[name]) return;
      if (typeof value === "string") {
        fields.push([name, value]);
      } else if (value && value.size) {
        files.push({ name: name, blob: value, filename: value.name || "photo.jpg" });
      }
    });
    var key = "";
    fields = fields.filter(function (field) {
      if (field[0] !== "submission_key") return true;
      key = field[1];
      return false;
    });
    meta = meta || {};
    return {
      url: url,
      kind: meta.kind || "report",
      title: meta.title || "",
      summary: meta.summary || "",
      key: key || randomKey(),
      fields: fields,
      files: files,
      savedAt: new Date().toISOString(),
      status: "pending",
      errors: [],
    };
  }

  function withLock(work) {
    var locks = global.navigator && global.navigator.locks;
    if (!locks) return work();
    // Another page or the service worker is sending already: leave it to them.
    return locks.request(LOCK, { ifAvailable: true }, function (lock) {
      return lock ? work() : { sent: [], rejected: [], pending: -1 };
    });
  }

  // A request that hangs must not hold the outbox lock for ever: give up after a while,
  // the entry stays on the device for the next try.
  function timeoutSignal(seconds) {
    return global.AbortSignal && AbortSignal.timeout ? AbortSignal.timeout(seconds * 1000) : undefined;
  }

  function freshToken(tokenUrl) {
    return fetch(tokenUrl, {
      credentials: "same-origin",
      cache: "no-store",
      signal: timeoutSignal(20),
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) throw new Error("token " + response.status);
      return response.json();
    }).then(function (data) { return data.token; });
  }

  function post(entry, token) {
    var body = new FormData();
    entry.fields.forEach(function (field) { body.append(field[0], field[1]); });
    entry.files.forEach(function (file) { body.append(file.name, file.blob, file.filename); });
    body.append("csrfmiddlewaretoken", token);
    return fetch(entry.url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      signal: timeoutSignal(180), // photos on a slow mobile connection take a while
      headers: { Accept: "application/json", "X-CSRFToken": token, "Idempotency-Key": entry.key },
    });
  }

  function errorMessages(data) {
    var errors = (data && data.errors) || [];
    return errors.map(function (error) { return error.message; });
  }

  /* The server will not take this entry as it is: a 400 (or 413), or a 409 because its key
     went with other data. A 409 for a key still being sent is tried again later. */
  function refusal(response) {
    if ([400, 409, 413].indexOf(response.status) === -1) return Promise.resolve(null);
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (response.status === 409 && data.code !== "idempotency_key_reused") return null;
      return data;
    });
  }

  /* Send every pending entry, oldest first; stop at the first one the network or the
     server cannot take now. Resolves with {sent: [receipts], rejected: [entries], pending: n}. */
  function sendOutbox(options) {
    return withLock(function () {
      var report = { sent: [], rejected: [], pending: 0 };
      return all("outbox").then(function (entries) {
        var waiting = entries.filter(function (entry) { return entry.status === "pending"; });
        if (!waiting.length) return report;
        return freshToken(options.tokenUrl).then(function (token) {
          var chain = Promise.resolve(true);
          waiting.forEach(function (entry) {
            chain = chain.then(function (goOn) {
              if (!goOn) return false;
              return sendEntry(entry, token, report);
            });
          });
          return chain;
        }).catch(function () { return false; }).then(function () {
          return all("outbox");
        }).then(function (left) {
          report.pending = left.filter(function (entry) { return entry.status === "pending"; }).length;
          return report;
        });
      });
    });
  }

  function sendEntry(entry, token, report) {
    return post(entry, token).then(function (response) {
      if (response.status === 200 || response.status === 201) {
        return response.json().then(function (receipt) {
          receipt.kind = receipt.kind || entry.kind;
          receipt.title = receipt.title || entry.title;
          return remember(receipt).then(function () {
            return inStore("outbox", "readwrite", function (store) { return store.delete(entry.id); });
          }).then(function () {
            report.sent.push(receipt);
            return true;
          });
        });
      }
      return refusal(response).then(function (data) {
        if (!data) return false; // 403 (token), 409 (in progress), 429, 5xx: try again later
        entry.status = "rejected";
        entry.errors = errorMessages(data);
        report.rejected.push(entry);
        return inStore("outbox", "readwrite", function (store) { return store.put(entry); })
          .then(function () { return true; });
      });
    }, function () { return false; });
  }

  function remember(item) {
    var stored = {
      number: item.number,
      kind: item.kind || "report",
      title: item.title || "",
      url: item.url || "",
      access_url: item.access_url || "",
      savedAt: item.savedAt || new Date().toISOString(),
    };
    return inStore("items", "readwrite", function (store) { return store.put(stored); });
  }

  global.DeviceStore = {
    entryFromFormData: entryFromFormData,
    randomKey: randomKey,
    sendOutbox: sendOutbox,
    outboxAdd: function (entry) {
      return inStore("outbox", "readwrite", function (store) { return store.add(entry); });
    },
    outboxAll: function () { return all("outbox"); },
    outboxGet: function (id) {
      return inStore("outbox", "readonly", function (store) { return store.get(id); });
    },
    outboxDelete: function (id) {
      return inStore("outbox", "readwrite", function (store) { return store.delete(id); });
    },
    itemsAll: function () { return all("items"); },
    itemRemember: remember,
    itemsForget: function () {
      return inStore("items", "readwrite", function (store) { return store.clear(); });
    },
    draftGet: function (name) {
      return inStore("drafts", "readonly", function (store) { return store.get(name); });
    },
    draftPut: function (name, draft) {
      draft.name = name;
      return inStore("drafts", "readwrite", function (store) { return store.put(draft); });
    },
    draftDelete: function (name) {
      return inStore("drafts", "readwrite", function (store) { return store.delete(name); });
    },
  };
})(self);
