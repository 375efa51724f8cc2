// Second Look engine worker: runs the Python engine in Pyodide, off the page's main thread.
//
// Protocol (structured-clone messages):
//   page -> worker  {type: "init", pyodideURL, wheelURL, stdlibURL, lockInfo}
//   worker -> page  {type: "progress", step, steps, label}
//                   {type: "ready", ms, version, urls, boot: "fresh" | "snapshot"}
//                   or {type: "failed", message}
//   page -> worker  {type: "call", id, request}          (request: {op, answers, today})
//   worker -> page  {type: "result", id, response}      (response: {ok, result} | {ok: false, error})

import { bootEngine, fetchBytes } from "./boot.mjs";
import { deleteSnapshots, readSnapshot, snapshotKey } from "./snapshot-store.mjs";

let handle = null;

function progress(step, label) {
  self.postMessage({ type: "progress", step, steps: 3, label });
}

async function init({ pyodideURL, wheelURL, stdlibURL, lockInfo }) {
  const started = performance.now();
  progress(1, "Loading the Python runtime");
  // The wheel downloads, and a saved snapshot is read, while the runtime loads and compiles.
  const wheel = fetchBytes(wheelURL);
  wheel.catch(() => {}); // reported below, once, if the runtime itself loaded
  const saved = readSnapshot(snapshotKey({ pyodideURL, stdlibURL, wheelURL }));
  const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
  const settings = { loadPyodide, indexURL: pyodideURL, stdLibURL: stdlibURL, lockInfo, wheel, onStep: progress };

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
  if (!pyodide) pyodide = await bootEngine(settings);

  handle = pyodide.pyimport("checklist_engine.bridge").handle;
  const version = pyodide.pyimport("checklist_engine").__version__;
  // The files this worker fetched, so the page can ask the service worker to keep them for next time.
  const urls = performance.getEntriesByType("resource").map((entry) => entry.name);
  self.postMessage({ type: "ready", ms: Math.round(performance.now() - started), version, urls, boot });
}

self.onmessage = async (event) => {
  const message = event.data;
  if (message.type === "init") {
    try {
      await init(message);
    } catch (error) {
      self.postMessage({ type: "failed", message: String(error && error.message ? error.message : error) });
    }
    return;
  }
  if (message.type === "call") {
    let response;
    if (!handle) {
      response = { ok: false, error: "The engine is not ready." };
    } else {
      response = JSON.parse(handle(JSON.stringify(message.request)));
    }
    self.postMessage({ type: "result", id: message.id, response });
  }
};
