// "Подай писмо": show the access-request part only for that kind, and the
// organisation part only for companies and NGOs. Without JavaScript both stay
// visible; a part with an error or typed text is never hidden.
(function () {
  "use strict";
  var form = document.getElementById("document-form");
  if (!form) return;
  var accessPart = document.getElementById("access-part");
  var organisationPart = document.getElementById("organisation-part");
  var ORGANISATION_TYPES = ["company", "ngo"];

  function hasContent(part) {
    if (part.querySelector(".errorlist")) return true;
    return Array.prototype.some.call(part.querySelectorAll("input[type=text], textarea"), function (field) {
      return field.value.trim() !== "";
    });
  }

  function update() {
    var kind = form.querySelector("input[name=kind]:checked");
    var senderType = form.elements.sender_type;
    accessPart.hidden = !(kind && kind.value === "access_request") && !hasContent(accessPart);
    organisationPart.hidden =
      ORGANISATION_TYPES.indexOf(senderType && senderType.value) === -1 && !hasContent(organisationPart);
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "kind" || event.target.name === "sender_type") update();
  });
  update();
})();
