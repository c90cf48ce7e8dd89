// The main menu on narrow screens: one "Menu" button shows and hides it, keeping
// aria-expanded right; Escape closes it and gives focus back to the button. The disclosure
// groups ("Manage", "Account") are <details>: this only closes them on Escape, on a click
// elsewhere and when another opens. Without this script the whole menu stays visible.
(function () {
  "use strict";

  var header = document.querySelector(".site-header");
  if (!header) return;
  var button = header.querySelector(".menu-toggle");
  var panel = button && document.getElementById(button.getAttribute("aria-controls"));
  if (!panel) return;

  function collapsible() {
    return getComputedStyle(button).display !== "none";
  }

  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    panel.classList.toggle("is-open", open);
  }

  function closeGroups(except) {
    header.querySelectorAll(".nav-group details[open]").forEach(function (group) {
      if (group !== except) group.open = false;
    });
  }

  button.hidden = false;
  setOpen(false);
  header.classList.add("menu-ready");

  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });

  header.addEventListener(
    "toggle",
    function (event) {
      if (event.target.open) closeGroups(event.target);
    },
    true
  );

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    if (collapsible() && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      closeGroups(null);
      button.focus();
      return;
    }
    var group = event.target.closest && event.target.closest(".nav-group details[open]");
    if (group) {
      group.open = false;
      group.querySelector("summary").focus();
    }
  });

  document.addEventListener("click", function (event) {
    if (!event.target.closest(".nav-group")) closeGroups(null);
  });
})();
