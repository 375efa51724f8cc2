// Second Look service worker: the site offline after one visit, and an instant engine on repeat visits.
// The build prepends `const MANIFEST = {version, precache, runtime}` (sitebuild/service_worker.py).
//
// - Pages and small assets are precached at install, under a cache named for this build; the
//   caches of older builds are deleted when this one activates, so no stale page survives a deploy.
// - The Pyodide runtime and the engine wheel live at content-addressed URLs (pyodide/<version>/,
//   engine/<hash>/): served cache-first, cached when first used or when the self-audit page asks,
//   and pruned when a deploy no longer references them.
// - Everything else: network first, so a reader online always gets the newest page; the cache
//   answers when the network does not.

const PAGES = `second-look-pages-${MANIFEST.version}`;
const RUNTIME = "second-look-runtime";
const SNAPSHOT = "second-look-snapshot";
const scopeURL = new URL(self.registration.scope);
const runtimePrefixes = MANIFEST.runtime.map((path) => new URL(path, scopeURL).href);
const isRuntime = (url) => runtimePrefixes.some((prefix) => url.startsWith(prefix));

self.addEventListener("install", (event) => {
  const urls = MANIFEST.precache.map((path) => new URL(path, scopeURL).href);
  event.waitUntil(
    caches
      .open(PAGES)
      .then((cache) => cache.addAll(urls))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        // (the engine's memory snapshot is the worker's to manage: snapshot-store.mjs)
        if (name.startsWith("second-look-") && ![PAGES, RUNTIME, SNAPSHOT].includes(name)) await caches.delete(name);
      }
      const runtime = await caches.open(RUNTIME);
      for (const request of await runtime.keys()) {
        if (!isRuntime(request.url)) await runtime.delete(request);
      }
      await self.clients.claim();
    })(),
  );
});

async function cacheFirst(request) {
  const cache = await caches.open(RUNTIME);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request) {
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      const cache = await caches.open(PAGES);
      await cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const hit = await caches.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === "navigate") {
      const fallback = await caches.match(new URL("404.html", scopeURL).href);
      if (fallback) return fallback;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  if (request.method !== "GET" || !request.url.startsWith(scopeURL.origin)) return;
  event.respondWith(isRuntime(request.url) ? cacheFirst(request) : networkFirst(request));
});

async function keepRuntime(urls) {
  const cache = await caches.open(RUNTIME);
  for (const url of urls) {
    if (!(await cache.match(url))) await cache.add(url);
  }
}

// Two messages keep the runtime for next time:
// - "prefetch-runtime": a guide page on a fast connection, at idle, ahead of a self-audit visit;
// - "cache-runtime": the self-audit page, for the files it has just used; it hears back on the
//   message port it sends ({ok, cached} or {ok: false, error}).
self.addEventListener("message", (event) => {
  const message = event.data || {};
  if (message.type === "prefetch-runtime") {
    const urls = MANIFEST.runtimeFiles.map((path) => new URL(path, scopeURL).href);
    event.waitUntil(keepRuntime(urls).catch(() => {}));
  } else if (message.type === "cache-runtime" && Array.isArray(message.urls)) {
    const urls = message.urls.filter((url) => typeof url === "string" && isRuntime(url));
    const reply = (data) => event.ports[0]?.postMessage(data);
    event.waitUntil(
      keepRuntime(urls).then(
        () => reply({ ok: true, cached: urls.length }),
        (error) => reply({ ok: false, error: String(error) }),
      ),
    );
  }
});
