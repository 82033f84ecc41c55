/* "Моите сигнали на това устройство": what this browser submitted (numbers and private
   links) and what still waits for a connection, read from the device (outbox.js). */
(function () {
  "use strict";
  var root = document.getElementById("my-device");
  var store = window.DeviceStore;
  if (!root || !store) return;
  var texts = JSON.parse(document.getElementById("device-texts").textContent);
  var itemsList = document.getElementById("device-items");
  var emptyText = document.getElementById("device-empty");
  var forgetButton = document.getElementById("device-forget");
  var waitingSection = document.getElementById("device-waiting");
  var waitingList = document.getElementById("device-waiting-list");
  var status = document.getElementById("device-status");

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var anchor = element("a", text);
    anchor.href = href;
    return anchor;
  }

  // The site's numeric style, "03.12.2026 14:30", in Sofia time whatever the device's zone
  // (the browser's own "bg-BG" short style writes "3.12.26 г., 14:30 ч.").
  var sofiaTime = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Sofia",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });

  function when(iso) {
    var date = new Date(iso);
    if (isNaN(date.getTime())) return "";
    var parts = {};
    sofiaTime.formatToParts(date).forEach(function (part) {
      parts[part.type] = part.value;
    });
    return parts.day + "." + parts.month + "." + parts.year + " " + parts.hour + ":" + parts.minute;
  }

  function newestFirst(a, b) {
    return (b.savedAt || "").localeCompare(a.savedAt || "");
  }

  function renderItems(items) {
    itemsList.textContent = "";
    items.sort(newestFirst).forEach(function (item) {
      var entry = element("li", "", "device-item");
      var heading = element("p", "", "device-item-head");
      heading.appendChild(document.createTextNode((texts.kinds[item.kind] || "") + " "));
      heading.appendChild(item.url ? link(item.url, item.number) : element("strong", item.number));
      entry.appendChild(heading);
      if (item.title) entry.appendChild(element("p", item.title));
      entry.appendChild(element("p", texts.saved + " " + when(item.savedAt), "help"));
      if (item.access_url) {
        var privateLink = element("p");
        privateLink.appendChild(link(item.access_url, texts.privateLink));
        entry.appendChild(privateLink);
      }
      itemsList.appendChild(entry);
    });
    emptyText.hidden = items.length > 0;
    forgetButton.hidden = items.length === 0;
  }

  function renderWaiting(entries) {
    waitingList.textContent = "";
    entries.sort(newestFirst).forEach(function (entry) {
      var row = element("li", "", "device-item");
      row.appendChild(element("p", entry.title || texts.kinds[entry.kind] || "", "device-item-head"));
      if (entry.summary) row.appendChild(element("p", entry.summary));
      row.appendChild(element("p", texts.saved + " " + when(entry.savedAt), "help"));
      if (entry.status === "rejected") {
        row.appendChild(element("p", texts.rejected + " " + entry.errors.join(" "), "field-error"));
      } else {
        row.appendChild(element("p", texts.waiting, "status"));
      }
      var actions = element("p", "", "device-actions");
      actions.appendChild(link(entry.url + "?restore=" + encodeURIComponent(entry.id), texts.openInForm));
      var remove = element("button", texts.remove, "secondary");
      remove.type = "button";
      remove.addEventListener("click", function () {
        if (!window.confirm(texts.removeConfirm)) return;
        store.outboxDelete(entry.id).then(function () {
          status.textContent = texts.removed;
          refresh();
        });
      });
      actions.appendChild(remove);
      row.appendChild(actions);
      waitingList.appendChild(row);
    });
    waitingSection.hidden = entries.length === 0;
  }

  function refresh() {
    return Promise.all([store.itemsAll(), store.outboxAll()]).then(function (found) {
      renderItems(found[0]);
      renderWaiting(found[1]);
    });
  }

  forgetButton.addEventListener("click", function () {
    if (!window.confirm(texts.forgetConfirm)) return;
    store.itemsForget().then(function () {
      status.textContent = texts.forgotten;
      return refresh();
    }).then(function () { document.getElementById("device-items-heading").focus(); });
  });

  document.addEventListener("device:outbox", refresh);
  refresh();
})();
