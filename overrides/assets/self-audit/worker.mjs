// Second Look engine worker: runs the Python engine in Pyodide, off the page's main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {type: "init", pyodideURL, wheelURL, stdlibURL, lockInfo, files, fresh}
//                   files: {absolute URL: {sha256, bytes}} for every file the start downloads
//                   fresh: a retry; the memory snapshot is dropped and not used
//   worker -> page  {type: "progress", loaded, total}                    (bytes received)
//                   {type: "ready", ms, version, urls, boot: "fresh" | "snapshot"}
//                   or {type: "failed", message, reason: "network" | "damaged" | "start"}
//   page -> worker  {type: "call", id, request}          (request: {op, lang, answers, today})
//   worker -> page  {type: "result", id, response}      (response: {ok, result} | {ok: false, error})
//
// The runtime's big files (the WebAssembly binary, the standard library, the engine wheel) are
// downloaded here, counted, and checked against the sizes and sha256 the build recorded. A file
// that does not match is fetched once more past every cache (`cache: "reload"`, which also makes
// the service worker drop its copy); Pyodide is then handed the checked bytes. Pyodide never sees a
// truncated binary or an HTML page served in its place (it would wait forever for such a binary).

import { bootEngine } from "./boot.mjs";
import { deleteSnapshots, readSnapshot, snapshotKey } from "./snapshot-store.mjs";

let handle = null;
const nativeFetch = self.fetch.bind(self); // downloads below never go through serveChecked()

class StartError extends Error {
  constructor(message, reason) {
    super(message);
    this.reason = reason;
  }
}

function hex(buffer) {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

async function matches(bytes, expected) {
  if (!expected) return true;
  if (bytes.byteLength !== expected.bytes) return false;
  if (!self.crypto?.subtle) return true; // not a secure context: the size is all we can check
  return hex(await crypto.subtle.digest("SHA-256", bytes)) === expected.sha256;
}

function progressReporter(files) {
  const total = Object.values(files).reduce((sum, f) => sum + f.bytes, 0);
  let loaded = 0;
  let sentAt = 0;
  let later = null;
  // at most one message each 100 ms, and always one for the last bytes
  const send = (force = false) => {
    const wait = 100 - (performance.now() - sentAt);
    if (!force && wait > 0) {
      later ??= setTimeout(() => send(true), wait);
      return;
    }
    clearTimeout(later);
    later = null;
    sentAt = performance.now();
    self.postMessage({ type: "progress", loaded: Math.max(0, Math.min(loaded, total)), total });
  };
  return {
    add(n) {
      loaded += n;
      send();
    },
    done: () => send(true),
  };
}

async function download(url, { cache = "default", progress }) {
  let response;
  try {
    response = await nativeFetch(url, { cache });
  } catch {
    throw new StartError(`could not download ${url}`, "network");
  }
  if (!response.ok) throw new StartError(`${response.status} ${response.statusText}: ${url}`, "network");
  const chunks = [];
  let size = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      progress.add(value.byteLength);
    }
  } catch {
    progress.add(-size);
    throw new StartError(`the download of ${url} was cut off`, "network");
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

// A checked copy of one file: downloaded, and if it does not match, downloaded once more past the caches.
async function checked(url, expected, progress) {
  for (const cache of ["default", "reload"]) {
    const bytes = await download(url, { cache, progress });
    if (await matches(bytes, expected)) return bytes;
    progress.add(-bytes.byteLength);
  }
  throw new StartError(`${url} did not arrive whole`, "damaged");
}

// Pyodide fetches the binary and the standard library itself: it gets the checked bytes instead.
function serveChecked(bodies) {
  self.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, self.location.href).href;
    const body = bodies.get(url);
    if (!body) return nativeFetch(input, init);
    const type = url.endsWith(".wasm") ? "application/wasm" : "application/octet-stream";
    return new Response(await body, { headers: { "Content-Type": type } });
  };
}

async function init({ pyodideURL, wheelURL, stdlibURL, lockInfo, files = {}, fresh = false }) {
  const started = performance.now();
  const progress = progressReporter(files);
  progress.done();
  if (fresh) await deleteSnapshots();
  const wasmURL = new URL("pyodide.asm.wasm", pyodideURL).href;
  const wanted = [wasmURL, stdlibURL, wheelURL].filter(Boolean);
  const bodies = new Map(wanted.map((url) => [url, checked(url, files[url], progress)]));
  const all = Promise.all(bodies.values());
  all.catch(() => {}); // reported below
  serveChecked(bodies);
  const saved = fresh ? Promise.resolve(null) : readSnapshot(snapshotKey({ pyodideURL, stdlibURL, wheelURL }));
  // The runtime's scripts load and compile meanwhile (Pyodide's own import of pyodide.asm.mjs then
  // finds it loaded), as they did when Pyodide fetched everything itself.
  const scripts = Promise.all(["pyodide.mjs", "pyodide.asm.mjs"].map((name) => import(new URL(name, pyodideURL).href)));
  scripts.catch(() => {}); // reported below
  // Every download must finish and match before Pyodide starts: a damaged file is reported, not run.
  await all;
  let loadPyodide;
  try {
    [{ loadPyodide }] = await scripts;
  } catch {
    throw new StartError("the Python runtime's script could not be loaded", "network");
  }
  for (const name of ["pyodide.mjs", "pyodide.asm.mjs"])
    progress.add(files[new URL(name, pyodideURL).href]?.bytes ?? 0);
  progress.done();
  const settings = { loadPyodide, indexURL: pyodideURL, stdLibURL: stdlibURL, lockInfo, wheel: bodies.get(wheelURL) };

  let pyodide = null;
  let boot = "fresh";
  const snapshot = await saved;
  if (snapshot) {
    try {
      pyodide = await bootEngine({ ...settings, snapshot });
      boot = "snapshot";
    } catch {
      await deleteSnapshots(); // a snapshot this runtime cannot restore is never tried again
    }
  }
  // A fresh start is a plain one: the snapshot for next time is made later, in the background
  // (snapshot-maker.mjs), so that making it never slows the reader's first visit.
  if (!pyodide) {
    try {
      pyodide = await bootEngine(settings);
    } catch (error) {
      throw new StartError(String(error?.message ?? error), "start");
    }
  }

  handle = pyodide.pyimport("checklist_engine.bridge").handle;
  const version = pyodide.pyimport("checklist_engine").__version__;
  // The files this worker fetched, so the page can ask the service worker to keep them for next time.
  const urls = [...new Set([...performance.getEntriesByType("resource").map((entry) => entry.name), ...wanted])];
  self.postMessage({ type: "ready", ms: Math.round(performance.now() - started), version, urls, boot });
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message);
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error?.message ?? error), reason: error?.reason ?? "start" });
    }
    return;
  }
  if (message.type === "call") {
    let response;
    try {
      response = handle
        ? JSON.parse(handle(JSON.stringify(message.request)))
        : { ok: false, error: "The engine is not ready." };
    } catch (error) {
      response = { ok: false, error: `the checker could not read this request (${error?.name ?? "error"})` };
    }
    self.postMessage({ type: "result", id: message.id, response });
  }
};
