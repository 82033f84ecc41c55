// Sends the sign-in request on to eAuth at once; without JavaScript the button does.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("eauth-post-form");
  if (form) form.submit();
});
