// Register the site's service worker (offline reading, instant engine on repeat visits).
// It lives at the site root so that its scope is the whole site, wherever the site is published.
//
// Registration never competes with the page the reader came for: on the self-audit page it waits
// until the engine has started; on every other page until the page has loaded and the browser is
// idle (installing copies the whole site). Then, on pages that link to the self-audit, an idle
// browser on a fast connection without data saver fetches the runtime ahead.

const root = new URL("../", import.meta.url);
// The offline copy holds the pages of the language the reader reads (sitebuild/service_worker.py).
const lang = document.documentElement.lang === "es" ? "es" : "en";
const home = lang === "en" ? root : new URL(`${lang}/`, root);

function loaded() {
  if (document.readyState === "complete") return Promise.resolve();
  return new Promise((resolve) => window.addEventListener("load", resolve, { once: true }));
}

function idle() {
  const whenIdle = window.requestIdleCallback ?? ((fn) => setTimeout(fn, 2000));
  return new Promise((resolve) => whenIdle(resolve, { timeout: 5000 }));
}

async function pageSettled() {
  if (!document.querySelector('meta[name="second-look:engine"]')) {
    await loaded();
    await idle();
    return;
  }
  const { engine } = await import("./self-audit/engine-start.mjs");
  await engine.ready.catch(() => {});
}

function fastAndAllowed() {
  const connection = navigator.connection;
  return Boolean(connection) && !connection.saveData && connection.effectiveType === "4g";
}

function linksToSelfAudit() {
  const target = new URL("self-audit/", home).href;
  return [...document.querySelectorAll("article a[href]")].some((a) => a.href.split("#")[0] === target);
}

async function prefetchRuntimeWhenIdle() {
  if (!fastAndAllowed() || !linksToSelfAudit()) return;
  const registration = await navigator.serviceWorker.ready;
  await idle();
  registration.active?.postMessage({ type: "prefetch-runtime" });
}

if ("serviceWorker" in navigator) {
  pageSettled()
    .then(() => navigator.serviceWorker.register(new URL(`sw.js?lang=${lang}`, root), { scope: root.pathname }))
    .then(prefetchRuntimeWhenIdle)
    .catch(() => {
      // No offline copy this time; the site works the same online.
    });
}
