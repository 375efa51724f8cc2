// Register the site's service worker (offline reading, instant engine on repeat visits).
// It lives at the site root so that its scope is the whole site, wherever the site is published.
//
// On the self-audit page, registration waits until the engine has started, so that the offline copy
// of the site never competes with the engine for the reader's bandwidth. On other pages that link to
// the self-audit, an idle browser on a fast connection without data saver fetches the runtime ahead.

const root = new URL("../", import.meta.url);

async function engineSettled() {
  if (!document.querySelector('meta[name="second-look:engine"]')) return;
  const { engine } = await import("./self-audit/engine-start.mjs");
  await engine.ready.catch(() => {});
}

function fastAndAllowed() {
  const connection = navigator.connection;
  return Boolean(connection) && !connection.saveData && connection.effectiveType === "4g";
}

function linksToSelfAudit() {
  const target = new URL("self-audit/", root).href;
  return [...document.querySelectorAll("article a[href]")].some((a) => a.href.split("#")[0] === target);
}

async function prefetchRuntimeWhenIdle() {
  if (!fastAndAllowed() || !linksToSelfAudit()) return;
  const registration = await navigator.serviceWorker.ready;
  const idle = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 2000));
  idle(() => registration.active?.postMessage({ type: "prefetch-runtime" }));
}

if ("serviceWorker" in navigator) {
  engineSettled()
    .then(() => navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }))
    .then(prefetchRuntimeWhenIdle)
    .catch(() => {
      // No offline copy this time; the site works the same online.
    });
}
