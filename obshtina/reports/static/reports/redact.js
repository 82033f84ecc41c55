/* Redacting a photo: drag on the photo to draw the rectangles to black out; each one is
   added to the form's text field as x,y,width,height in percent. Without this file the
   moderator types them. */
(function () {
  "use strict";
  document.querySelectorAll(".redact-form").forEach(function (form) {
    var item = form.closest("li");
    var image = item && item.querySelector("img");
    var field = form.elements.boxes;
    if (!image || !field) return;
    var frame = image.parentElement;
    frame.classList.add("redact-frame");
    var start = null;
    var box = null;

    function point(event) {
      var rect = image.getBoundingClientRect();
      return {
        x: Math.min(Math.max((event.clientX - rect.left) / rect.width, 0), 1),
        y: Math.min(Math.max((event.clientY - rect.top) / rect.height, 0), 1),
      };
    }

    function percent(value) {
      return Math.round(value * 1000) / 10;
    }

    image.addEventListener("pointerdown", function (event) {
      if (!form.closest("details").open) return;
      event.preventDefault();
      start = point(event);
      box = document.createElement("span");
      box.className = "redact-box";
      frame.appendChild(box);
    });
    image.addEventListener("pointermove", function (event) {
      if (!start) return;
      var end = point(event);
      box.style.left = percent(Math.min(start.x, end.x)) + "%";
      box.style.top = percent(Math.min(start.y, end.y)) + "%";
      box.style.width = percent(Math.abs(end.x - start.x)) + "%";
      box.style.height = percent(Math.abs(end.y - start.y)) + "%";
    });
    image.addEventListener("pointerup", function (event) {
      if (!start) return;
      var end = point(event);
      var x = Math.min(start.x, end.x);
      var y = Math.min(start.y, end.y);
      var width = Math.abs(end.x - start.x);
      var height = Math.abs(end.y - start.y);
      start = null;
      if (width < 0.01 || height < 0.01) {
        box.remove();
        return;
      }
      var text = [percent(x), percent(y), percent(width), percent(height)].join(",");
      field.value = field.value ? field.value + "; " + text : text;
    });
  });
})();
