// Second Look service worker: the site offline after one visit, and an instant engine on repeat visits.
// The build prepends `const MANIFEST = {version, precache, runtime}` (sitebuild/service_worker.py).
//
// - Pages and small assets are precached at install, under a cache named for this build and the
//   reader's language (the `lang` of the registration URL: the pages of one language, not both);
//   the caches of older builds or the other language are deleted when this one activates, so no
//   stale page survives a deploy and the offline copy never holds the site twice.
// - The Pyodide runtime and the engine wheel live at content-addressed URLs (pyodide/<version>/,
//   engine/<hash>/): served cache-first, cached when first used or when the self-audit page asks,
//   and pruned when a deploy no longer references them.
// - Material's bundles (a content hash in their names) are served from the cache when kept.
// - Everything else: network first, so a reader online always gets the newest page; the cache
//   answers when the network does not.
// - A deploy reaches every reader on their next visit: the new version's files are fetched past
//   the browser's HTTP cache (install: `cache: "reload"`; network first: `cache: "no-cache"`, a
//   revalidation), so a page kept for the HTTP cache's lifetime never fills the new cache.
// - A runtime file is kept only if its sha256 matches the build's (MANIFEST.integrity); a request
//   made with `cache: "reload"` (the engine worker, after a file failed its check) drops the kept
//   copy and fetches it again.

const asked = new URL(self.location.href).searchParams.get("lang");
const LANG = Object.hasOwn(MANIFEST.precache, asked ?? "") ? asked : MANIFEST.defaultLanguage;
const PAGES = `second-look-pages-${MANIFEST.version}-${LANG}`;
const RUNTIME = "second-look-runtime";
const SNAPSHOT = "second-look-snapshot";
const scopeURL = new URL(self.registration.scope);
const runtimePrefixes = MANIFEST.runtime.map((path) => new URL(path, scopeURL).href);
const isRuntime = (url) => runtimePrefixes.some((prefix) => url.startsWith(prefix));
const integrity = new Map(
  Object.entries(MANIFEST.integrity ?? {}).map(([path, sha]) => [new URL(path, scopeURL).href, sha]),
);

async function precache() {
  const cache = await caches.open(PAGES);
  const urls = MANIFEST.precache[LANG].map((path) => new URL(path, scopeURL).href);
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { cache: "reload" });
      if (!response.ok) throw new Error(`${response.status}: ${url}`);
      await cache.put(url, response);
    }),
  );
}

self.addEventListener("install", (event) => {
  event.waitUntil(precache().then(() => self.skipWaiting()));
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

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

// Keep a runtime response only if it is whole: the sha256 the build recorded for its URL.
async function keepIfWhole(cache, url, response) {
  if (!response.ok) return false;
  const expected = integrity.get(url.split("?")[0]);
  if (!expected) return false;
  const body = await response.arrayBuffer();
  if (hex(await crypto.subtle.digest("SHA-256", body)) !== expected) return false;
  const headers = new Headers(response.headers);
  for (const name of ["content-encoding", "content-length"]) headers.delete(name); // the body is decoded
  await cache.put(url, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  return true;
}

async function cacheFirst(event) {
  const { request } = event;
  const cache = await caches.open(RUNTIME);
  if (request.cache === "reload" || request.cache === "no-cache") {
    await cache.delete(request, { ignoreSearch: true }); // its reader found it damaged: fetch it again
  } else {
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
  }
  const response = await fetch(request);
  if (response.ok) event.waitUntil(keepIfWhole(cache, request.url, response.clone()).catch(() => {}));
  return response;
}

// Material's bundles carry their content's hash in their names: a kept copy is the right one.
const CONTENT_ADDRESSED = /\.[0-9a-f]{8}\.min\.(js|css)$/;

async function keptFirst(request) {
  return (await caches.match(request, { ignoreSearch: true })) ?? networkFirst(request);
}

async function networkFirst(request) {
  try {
    // revalidate with the server: a page the HTTP cache still holds may be an older deploy's
    const response = await fetch(request, { cache: "no-cache" });
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
  if (isRuntime(request.url)) event.respondWith(cacheFirst(event));
  else if (CONTENT_ADDRESSED.test(new URL(request.url).pathname)) event.respondWith(keptFirst(request));
  else event.respondWith(networkFirst(request));
});

async function keepRuntime(urls) {
  const cache = await caches.open(RUNTIME);
  for (const url of urls) {
    if (await cache.match(url)) continue;
    if (await keepIfWhole(cache, url, await fetch(url))) continue;
    if (!(await keepIfWhole(cache, url, await fetch(url, { cache: "reload" }))))
      throw new Error(`${url} did not arrive whole`);
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
