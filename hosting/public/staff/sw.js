// The staff app's service worker: it keeps the app's shell (page, script,
// styles, icons) so the app opens fast and installs, and nothing else.
// Booking data never passes through it: API calls, sign-in and anything
// from another origin go straight to the network and are never stored.
const CACHE = "staff-shell-v1";
const SHELL = [
  "/staff/",
  "/staff/app.js",
  "/staff/staff.css",
  "/staff/manifest.webmanifest",
  "/staff/icons/icon-192.png",
  "/staff/icons/icon-512.png",
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(SHELL))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

function shellPath(request) {
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return null;
  if (request.mode === "navigate" && url.pathname.startsWith("/staff")) return "/staff/";
  return SHELL.includes(url.pathname) ? url.pathname : null;
}

// Network first, so a new version shows up at once; the cached shell only
// when the network is down.
self.addEventListener("fetch", (event) => {
  const path = shellPath(event.request);
  if (!path) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(path, copy));
        }
        return response;
      })
      .catch(() => caches.match(path).then((cached) => cached || Response.error())),
  );
});
