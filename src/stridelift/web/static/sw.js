/* Service worker: keeps the app shell and the pages already opened (this week's sessions are put
   in the cache by the page) so gym mode opens with no network; sends waiting sets on Background Sync. */
importScripts("/static/outbox.js");
const SHELL = "stridelift-shell-v2";
const PAGES = "stridelift-pages";
const SHELL_FILES = ["/static/app.css", "/static/app.js", "/static/outbox.js", "/static/htmx.min.js"];

self.addEventListener("install", (ev) => {
  ev.waitUntil(caches.open(SHELL).then((c) => c.addAll(SHELL_FILES)).then(() => self.skipWaiting()));
});
self.addEventListener("activate", (ev) => ev.waitUntil(self.clients.claim()));

self.addEventListener("fetch", (ev) => {
  const req = ev.request;
  const url = new URL(req.url);
  if (req.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/static/")) {
    ev.respondWith(caches.match(req).then((hit) => hit || fetch(req)));
    return;
  }
  if (req.mode === "navigate") {
    ev.respondWith((async () => {
      try {
        const res = await fetch(req);
        if (res.ok && !res.redirected) (await caches.open(PAGES)).put(url.pathname + url.search, res.clone());
        return res;
      } catch (e) {
        const hit = (await caches.match(url.pathname + url.search)) || (await caches.match(url.pathname));
        return hit || new Response("<h1>Offline</h1><p>This page was not saved for offline use.</p>",
          { status: 503, headers: { "Content-Type": "text/html" } });
      }
    })());
  }
});

self.addEventListener("sync", (ev) => {
  if (ev.tag === "sets") ev.waitUntil(outboxFlush().then((left) => { if (left) throw new Error("sets still waiting"); }));
});
