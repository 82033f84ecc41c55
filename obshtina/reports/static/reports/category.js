/* The report form: choosing a category brings its notice, its urgent-danger stop and
   its questions (a fragment from the server); answering "yes" to the urgent question
   shows the stop at once. Without this file they come with the form's first answer. */
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  var extras = document.getElementById("category-extras");
  if (!form || !extras) return;
  var select = form.elements.category;

  function watchUrgent() {
    var stop = document.getElementById("category-urgent");
    var answers = extras.querySelectorAll('input[name="urgent"]');
    if (!stop || !answers.length) return;
    answers.forEach(function (answer) {
      answer.addEventListener("change", function () {
        stop.hidden = !(answer.checked && answer.value === "yes");
      });
    });
  }

  select.addEventListener("change", function () {
    var url = extras.dataset.url + "?" + new URLSearchParams({ category: select.value });
    fetch(url, { headers: { Accept: "text/html" } })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (html) {
        extras.innerHTML = html;
        watchUrgent();
      })
      .catch(function () {});
  });
  watchUrgent();
})();
