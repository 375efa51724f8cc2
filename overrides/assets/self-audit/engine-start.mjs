// Start the engine as early as possible: loaded `async` from the page's <head>, so the worker starts
// while the rest of the page is still arriving. The page script imports `engine` from here; a module
// is evaluated once per page, so both get the same engine (no global variable needed).
//
// `engine.ready` and `engine.call` always use the current start; `engine.retry()` ends it and starts
// again (dropping the memory snapshot). Progress: {loaded, total} bytes of the runtime's files.

import { startEngine } from "./engine-client.mjs";

function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.content ?? null;
}

function url(name) {
  const content = meta(name);
  return content ? new URL(content, document.baseURI).href : null;
}

function json(name) {
  try {
    return JSON.parse(meta(name) ?? "null");
  } catch {
    return null;
  }
}

const pyodideURL = url("second-look:pyodide");
const wheelURL = url("second-look:engine");
const stdlibURL = url("second-look:stdlib");

// The sizes and sha256 the build recorded, by absolute URL.
function runtimeFiles() {
  const recorded = json("second-look:runtime-files") ?? {};
  const files = {};
  for (const [name, info] of Object.entries(recorded.pyodide ?? {})) files[new URL(name, pyodideURL).href] = info;
  if (recorded.stdlib && stdlibURL) files[stdlibURL] = recorded.stdlib;
  if (recorded.engine && wheelURL) files[wheelURL] = recorded.engine;
  return files;
}

const listeners = new Set();
let lastProgress = null;
const files = runtimeFiles();

function start(fresh) {
  lastProgress = null;
  const started = startEngine({
    pyodideURL,
    wheelURL,
    stdlibURL,
    lockInfo: json("second-look:pyodide-lock-info"),
    files,
    fresh,
    onProgress: (progress) => {
      lastProgress = progress;
      for (const listener of listeners) listener(progress);
    },
  });
  // The page script reports a failure to the reader; until it has subscribed, a failed start is
  // not an "unhandled" error.
  started.ready.catch(() => {});
  return started;
}

let current = start(false);

export const engine = {
  get ready() {
    return current.ready;
  },
  get stopped() {
    return current.stopped;
  },
  call: (op, payload) => current.call(op, payload),
  retry() {
    current.terminate();
    current = start(true);
    return current.ready;
  },
  // Total bytes of the runtime's files, known at build time.
  totalBytes: Object.values(files).reduce((sum, f) => sum + f.bytes, 0),
};

// Progress for the page script, which may subscribe after the first bytes were reported.
export function onProgress(listener) {
  listeners.add(listener);
  if (lastProgress) listener(lastProgress);
}
