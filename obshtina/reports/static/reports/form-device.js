/* "Подай сигнал" on the citizen's device (uses core/pwa/outbox.js):
   - what is typed, photos included, is kept on the device while it is typed and comes
     back when the page is opened again; the receipt page forgets it;
   - without a connection the form goes to the device's outbox and is sent, with its
     photos, when the connection returns (core/pwa/app.js and the service worker);
   - on phones a button takes a photo with the camera and adds it to the others.
   Without this file the form works as it always did. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) return;
  var store = window.DeviceStore;
  var texts = JSON.parse(document.getElementById("device-texts").textContent);
  var photos = form.elements.photos;
  var draftName = form.dataset.draft;
  var params = new URLSearchParams(window.location.search);
  var SAVE_DELAY_MS = 400;

  function setFiles(files) {
    var transfer = new DataTransfer();
    files.forEach(function (file) { transfer.items.add(file); });
    photos.files = transfer.files;
  }

  function canSetFiles() {
    try {
      return Boolean(photos) && typeof DataTransfer !== "undefined" && Boolean(new DataTransfer().items);
    } catch (error) {
      return false;
    }
  }

  function setUpCamera() {
    var box = document.getElementById("camera-action");
    var camera = document.getElementById("photo-camera");
    var status = document.getElementById("photo-status");
    if (!box || !canSetFiles() || !window.matchMedia("(pointer: coarse)").matches) return;
    box.hidden = false;
    document.getElementById("take-photo").addEventListener("click", function () {
      camera.click();
    });
    camera.addEventListener("change", function () {
      var shot = camera.files[0];
      camera.value = "";
      if (!shot) return;
      var current = Array.prototype.slice.call(photos.files);
      if (current.length >= texts.maxPhotos) {
        status.textContent = texts.tooManyPhotos.replace("%(max)s", texts.maxPhotos);
        return;
      }
      setFiles(current.concat([shot]));
      status.textContent = texts.photoAdded
        .replace("%(name)s", shot.name)
        .replace("%(count)s", photos.files.length);
      photos.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  setUpCamera();
  if (!store || !("indexedDB" in window)) return;

  // One key per filled-in form: a retry whose answer was lost files nothing twice.
  var keyInput = document.createElement("input");
  keyInput.type = "hidden";
  keyInput.name = "submission_key";
  keyInput.value = store.randomKey();
  form.appendChild(keyInput);

  function describe() {
    var category = form.elements.category;
    var option = category.options[category.selectedIndex];
    return {
      kind: "report",
      title: category.value && option ? option.text : "",
      summary: form.elements.description.value.trim().slice(0, 140),
    };
  }

  function snapshot() {
    return store.entryFromFormData(window.location.pathname, new FormData(form), describe());
  }

  function hasContent(entry) {
    return entry.files.length > 0 || entry.fields.some(function (field) {
      return field[1].trim() !== "";
    });
  }

  var saveTimer = null;
  function saveDraftSoon() {
    window.clearTimeout(saveTimer);
    saveTimer = window.setTimeout(function () {
      var draft = snapshot();
      var saving = hasContent(draft) ? store.draftPut(draftName, draft) : store.draftDelete(draftName);
      saving.catch(function () {});
    }, SAVE_DELAY_MS);
  }

  function asFile(stored) {
    if (typeof File !== "undefined" && stored.blob instanceof File) return stored.blob;
    return new File([stored.blob], stored.filename, { type: stored.blob.type });
  }

  function restore(entry) {
    entry.fields.forEach(function (field) {
      var control = form.elements[field[0]];
      if (control && !control.disabled && control.type !== "file" && control.type !== "hidden") {
        control.value = field[1];
      }
    });
    var files = entry.files.filter(function (file) { return file.name === "photos"; });
    if (files.length && canSetFiles()) setFiles(files.map(asFile));
    var latitude = form.elements.latitude;
    var longitude = form.elements.longitude;
    // The map (submit.js) follows the restored place.
    if (latitude.value && longitude.value) {
      latitude.dispatchEvent(new Event("change"));
    } else if (form.elements.settlement.value) {
      form.elements.settlement.dispatchEvent(new Event("change"));
    }
    document.getElementById("draft-restored").hidden = false;
  }

  function showSaved() {
    form.hidden = true;
    document.getElementById("draft-restored").hidden = true;
    var saved = document.getElementById("report-saved");
    saved.hidden = false;
    document.getElementById("report-saved-title").focus();
  }

  function registerSync() {
    if (!("serviceWorker" in navigator)) return;
    navigator.serviceWorker.ready.then(function (registration) {
      if (registration.sync) return registration.sync.register("outbox");
      return null;
    }).catch(function () {});
  }

  function placeGiven() {
    var elements = form.elements;
    return (elements.latitude.value && elements.longitude.value) || elements.settlement.value;
  }

  function showPlaceMissing() {
    var box = document.getElementById("location-errors");
    box.textContent = "";
    var list = document.createElement("ul");
    list.className = "errorlist";
    list.id = "place-missing-error";
    var item = document.createElement("li");
    item.textContent = texts.placeMissing;
    list.appendChild(item);
    box.appendChild(list);
    var settlement = form.elements.settlement;
    settlement.setAttribute("aria-invalid", "true");
    var described = (settlement.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(list.id) === -1) described.push(list.id);
    settlement.setAttribute("aria-describedby", described.join(" ").trim());
    settlement.focus();
  }

  function keepOnDevice() {
    var entry = snapshot();
    store.outboxAdd(entry).then(function () {
      return store.draftDelete(draftName);
    }).then(function () {
      window.clearTimeout(saveTimer);
      registerSync();
      showSaved();
    }).catch(function () {
      document.getElementById("place-status").textContent = texts.notSaved;
      window.alert(texts.notSaved);
    });
  }

  function currentCsrfCookie() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  form.addEventListener("submit", function (event) {
    if (navigator.onLine) {
      // A page opened from the device's cache carries an old token; the cookie is current.
      var cookie = currentCsrfCookie();
      if (cookie && form.elements.csrfmiddlewaretoken) form.elements.csrfmiddlewaretoken.value = cookie;
      return;
    }
    event.preventDefault();
    if (!placeGiven()) {
      showPlaceMissing();
      return;
    }
    keepOnDevice();
  });

  document.getElementById("draft-clear").addEventListener("click", function () {
    window.clearTimeout(saveTimer);
    store.draftDelete(draftName).then(function () {
      window.location.replace(window.location.pathname);
    });
  });

  function start() {
    ["input", "change", "report:place"].forEach(function (type) {
      form.addEventListener(type, saveDraftSoon);
    });
  }

  var restoreId = parseInt(params.get("restore") || "", 10);
  if (params.get("saved")) {
    showSaved();
    start();
  } else if (!isNaN(restoreId)) {
    // A saved report the server did not accept: back into the form, to be corrected.
    store.outboxGet(restoreId).then(function (entry) {
      if (!entry) return null;
      restore(entry);
      return store.draftPut(draftName, entry).then(function () {
        return store.outboxDelete(restoreId);
      });
    }).catch(function () {}).then(start);
  } else if (!form.hasAttribute("data-bound")) {
    store.draftGet(draftName).then(function (draft) {
      if (draft && hasContent(draft)) restore(draft);
    }).catch(function () {}).then(start);
  } else {
    start();
  }
})();
