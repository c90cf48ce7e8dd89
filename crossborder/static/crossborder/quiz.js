// Taking a quiz: a live word count under each essay box, and the reason an answer was not
// saved shown next to it (htmx leaves 4xx replies unswapped by default).
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

  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (event.detail.xhr.status === 400 && target && target.classList.contains("save-status")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
