// Register the site's service worker (offline reading, instant engine on repeat visits).
// It lives at the site root so that its scope is the whole site, wherever the site is published.
if ("serviceWorker" in navigator) {
  const root = new URL("../", import.meta.url);
  navigator.serviceWorker.register(new URL("sw.js", root), { scope: root.pathname }).catch(() => {
    // No offline copy this time; the site works the same online.
  });
}
