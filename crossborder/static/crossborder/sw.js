/* Crossborder's service worker: keeps a confirmed participant's seminar pages for a venue with
   poor Wi-Fi. Served from the site root (/sw.js) so that its scope is the whole site.

   - Pages (network first, the cached copy when the network fails): the seminar programme (which
     holds the venue address), the "now" view and the badge, and only the responses the server
     marked with "Crossborder-Offline-Copy: keep" (a confirmed participant's own pages). Any other
     answer for such an address (signed out, no longer confirmed) drops the cached copy.
   - Static CSS and JS: the cached copy at once, refreshed in the background.
   - A copy served from the cache is marked (data-served="cache") so that the page's script shows
     "Offline copy from …".
   Signing out clears the cache (the logout response carries Clear-Site-Data). */
"use strict";

const CACHE = "crossborder-pocket-v1";
const HEADER = "Crossborder-Offline-Copy";
const PAGES = [
  /^\/seminars\/[\w-]+\/$/,
  /^\/s\/[\w-]+\/now\/$/,
  /^\/applications\/\d+\/badge\.pdf$/,
];
const STATIC = /^\/static\/.+\.(css|js|svg)$/;

function keepable(url) {
  return url.origin === self.location.origin && PAGES.some((p) => p.test(url.pathname));
}

function key(url) {
  return url.origin + url.pathname; // one copy per page, whatever its query or fragment
}

async function store(cache, url, response) {
  if (response.ok && response.headers.get(HEADER) === "keep") {
    await cache.put(key(url), response.clone());
  } else if (response.type !== "opaqueredirect") {
    await cache.delete(key(url));
  }
  return response;
}

async function fromCache(cache, url) {
  const cached = await cache.match(key(url));
  if (!cached) return null;
  const type = cached.headers.get("Content-Type") || "";
  if (!type.startsWith("text/html")) return cached;
  const html = await cached.text();
  return new Response(html.replace('data-served="network"', 'data-served="cache"'), {
    status: cached.status,
    headers: cached.headers,
  });
}

async function networkFirst(request, url) {
  const cache = await caches.open(CACHE);
  try {
    return await store(cache, url, await fetch(request));
  } catch (error) {
    const cached = await fromCache(cache, url);
    if (cached) return cached;
    throw error;
  }
}

async function staleWhileRevalidate(event, request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  const refresh = fetch(request).then((response) => {
    if (response.ok) return cache.put(request, response.clone()).then(() => response);
    return response;
  });
  if (cached) {
    event.waitUntil(refresh.catch(() => null));
    return cached;
  }
  return refresh;
}

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (keepable(url)) {
    event.respondWith(networkFirst(request, url));
  } else if (url.origin === self.location.origin && STATIC.test(url.pathname)) {
    event.respondWith(staleWhileRevalidate(event, request));
  }
});

// A page just opened asks to be kept (it was loaded before this worker controlled it).
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (data.type === "keep" && typeof data.url === "string") {
    const url = new URL(data.url, self.location.origin);
    if (!keepable(url)) return;
    const assets = (Array.isArray(data.assets) ? data.assets : [])
      .map((a) => new URL(a, self.location.origin))
      .filter((a) => a.origin === self.location.origin && STATIC.test(a.pathname));
    event.waitUntil(
      caches.open(CACHE).then((cache) =>
        Promise.all([
          fetch(url, { credentials: "same-origin" }).then((r) => store(cache, url, r)),
          ...assets.map((a) => fetch(a).then((r) => (r.ok ? cache.put(a, r) : null))),
        ]).catch(() => null),
      ),
    );
  } else if (data.type === "forget") {
    event.waitUntil(caches.delete(CACHE));
  }
});
