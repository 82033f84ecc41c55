/* The address field suggests the municipality's streets as the citizen types
   (ARIA 1.2 combobox with a list popup). Choosing one with the arrow keys and Enter,
   or with a tap, announces it and asks the map (submit.js) to move the pin there.
   Without this file the server finds the street named in the address. */
(function () {
  "use strict";
  var field = document.getElementById("address-field");
  var form = document.getElementById("report-form");
  if (!field || !form || !window.fetch) return;
  var input = form.elements.address;
  var texts = JSON.parse(document.getElementById("map-texts").textContent);
  var listbox = document.createElement("ul");
  var status = document.createElement("p");
  var options = [];
  var active = -1;
  var timer = null;
  var asked = 0;

  listbox.id = "street-options";
  listbox.className = "street-options";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", texts.streets);
  listbox.hidden = true;
  status.className = "help visually-hidden";
  status.setAttribute("role", "status");
  input.insertAdjacentElement("afterend", listbox);
  listbox.insertAdjacentElement("afterend", status);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  input.setAttribute("autocomplete", "off");

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function highlight(index) {
    var items = listbox.children;
    for (var i = 0; i < items.length; i++) {
      items[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    active = index;
    if (index < 0) {
      input.removeAttribute("aria-activedescendant");
    } else {
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }
  }

  function choose(index) {
    var street = options[index];
    if (!street) return;
    input.value = street.label;
    close();
    status.textContent = texts.streetChosen + " " + street.label;
    form.dispatchEvent(new CustomEvent("report:street", { detail: street }));
  }

  function show(streets) {
    options = streets;
    listbox.textContent = "";
    streets.forEach(function (street, index) {
      var item = document.createElement("li");
      item.id = "street-option-" + index;
      item.setAttribute("role", "option");
      item.setAttribute("aria-selected", "false");
      item.textContent = street.label;
      item.addEventListener("mousedown", function (event) {
        event.preventDefault(); // the input keeps the focus
      });
      item.addEventListener("click", function () {
        choose(index);
      });
      listbox.appendChild(item);
    });
    if (streets.length) {
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
      status.textContent = texts.streetsFound.replace("%(count)s", streets.length);
    } else {
      close();
      status.textContent = "";
    }
    active = -1;
  }

  function suggest() {
    window.clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < 2) {
      show([]);
      return;
    }
    timer = window.setTimeout(function () {
      var ask = ++asked;
      fetch(field.dataset.streetsUrl + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { streets: [] };
        })
        .then(function (data) {
          if (ask === asked) show(data.streets);
        })
        .catch(function () {
          show([]);
        });
    }, 200);
  }

  input.addEventListener("input", suggest);
  input.addEventListener("blur", close);
  input.addEventListener("keydown", function (event) {
    var open = !listbox.hidden;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      if (!open && options.length) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      }
      highlight(Math.min(active + 1, options.length - 1));
    } else if (event.key === "ArrowUp" && open) {
      event.preventDefault();
      highlight(Math.max(active - 1, 0));
    } else if (event.key === "Enter" && open && active >= 0) {
      event.preventDefault(); // choosing a street does not send the form
      choose(active);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      close();
    }
  });
})();
