// Start the engine as early as possible: loaded `async` from the page's <head>, so the worker starts
// while the rest of the page is still arriving. The page script imports `engine` from here; a module
// is evaluated once per page, so both get the same worker (no global variable needed).

import { startEngine } from "./engine-client.mjs";

function meta(name) {
  return document.querySelector(`meta[name="${name}"]`)?.content ?? null;
}

function url(name) {
  const content = meta(name);
  return content ? new URL(content, document.baseURI).href : null;
}

function lockInfo() {
  try {
    return JSON.parse(meta("second-look:pyodide-lock-info") ?? "null");
  } catch {
    return null; // Pyodide then reads its own lock file
  }
}

const listeners = new Set();
let lastProgress = null;

export const engine = startEngine({
  pyodideURL: url("second-look:pyodide"),
  wheelURL: url("second-look:engine"),
  stdlibURL: url("second-look:stdlib"),
  lockInfo: lockInfo(),
  onProgress: (progress) => {
    lastProgress = progress;
    for (const listener of listeners) listener(progress);
  },
});

// Progress for the page script, which may subscribe after the first steps were reported.
export function onProgress(listener) {
  listeners.add(listener);
  if (lastProgress) listener(lastProgress);
}

// The page script reports a failure to the reader; until it has subscribed, a failed start is not
// an "unhandled" error.
engine.ready.catch(() => {});
