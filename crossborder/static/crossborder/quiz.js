// Taking a quiz: a live word count under each essay box, the reason an answer was not saved
// shown next to it (htmx leaves 4xx replies unswapped by default), and a submit that waits for
// the answers still being saved (a box ticked just before "Submit" would otherwise be lost when
// the page leaves).
(function () {
  "use strict";

  function countWords(text) {
    var words = text.trim().split(/\s+/);
    return words[0] === "" ? 0 : words.length;
  }

  function update(box) {
    var note = document.getElementById(box.dataset.wordCount);
    if (!note) return;
    var n = countWords(box.value);
    var min = parseInt(box.dataset.minWords || "0", 10);
    var max = parseInt(box.dataset.maxWords || "0", 10);
    note.querySelector("[data-words]").textContent = String(n);
    note.classList.toggle("under", min > 0 && n < min);
    note.classList.toggle("over", max > 0 && n > max);
  }

  document.addEventListener("input", function (event) {
    if (event.target.matches && event.target.matches("textarea[data-word-count]")) {
      update(event.target);
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-word-count]").forEach(update);
  });

  var saving = new Set();
  var held = null;

  function submitHeld() {
    if (!held || saving.size) return;
    var form = held;
    held = null;
    form.submit();
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    saving.add(event.detail.xhr);
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    saving.delete(event.detail.xhr);
    // htmx sends a save queued behind this one right after this event: look again once it has.
    if (held) setTimeout(submitHeld, 0);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-after-saves]") || !saving.size) return;
    event.preventDefault();
    held = form;
    form.querySelectorAll("button").forEach(function (button) {
      button.disabled = true;
      button.setAttribute("aria-busy", "true");
    });
    setTimeout(function () {
      saving.clear(); // a save that never ends must not keep the attempt from being submitted
      submitHeld();
    }, 15000);
  });

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.classList.contains("save-status")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
