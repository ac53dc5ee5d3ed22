/*
 * "Copy the link" buttons (templates/groups/my_groups.html): the button is
 * shown only when this file runs and the browser can copy; without it the
 * read-only text box is there to select and copy by hand.
 */
(function () {
  "use strict";

  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  document.querySelectorAll("[data-copy]").forEach(function (block) {
    var controls = block.querySelector("[data-copy-controls]");
    var button = block.querySelector("[data-copy-button]");
    var status = block.querySelector("[data-copy-status]");
    var field = document.getElementById(button.dataset.copyTarget);
    controls.hidden = false;
    button.addEventListener("click", function () {
      status.textContent = "";
      navigator.clipboard.writeText(field.value).then(
        function () {
          status.textContent = status.dataset.copied;
        },
        function () {
          field.select();
          status.textContent = status.dataset.failed;
        }
      );
    });
  });
})();
