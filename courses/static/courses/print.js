// The certificate's print button; without JavaScript the page tells people
// to use the browser's own print function instead.
document.querySelectorAll("[data-print-button]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
  document.querySelectorAll("[data-print-hint]").forEach((hint) => {
    hint.hidden = true;
  });
});
