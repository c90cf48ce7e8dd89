/* On a confirmed participant's seminar pages (the element with data-offline-copy): register the
   service worker that keeps them for offline use, ask it to keep this page, and show the
   "Offline copy from …" note when the worker served the page from its cache. */
(function () {
  "use strict";
  var root = document.querySelector("[data-offline-copy]");
  if (!root) return;
  if (root.getAttribute("data-served") === "cache") {
    var note = root.querySelector(".offline-note");
    if (note) note.hidden = false;
    return;
  }
  if (!("serviceWorker" in navigator)) return;
  navigator.serviceWorker
    .register(root.getAttribute("data-worker") || "/sw.js", { scope: "/" })
    .then(function () {
      return navigator.serviceWorker.ready;
    })
    .then(function (registration) {
      if (!registration.active) return;
      var assets = Array.prototype.map.call(
        document.querySelectorAll('link[rel="stylesheet"], script[src]'),
        function (el) {
          return el.href || el.src;
        }
      );
      registration.active.postMessage({ type: "keep", url: location.pathname, assets: assets });
    })
    .catch(function () {
      /* no offline copy: the page works as it is */
    });
})();
