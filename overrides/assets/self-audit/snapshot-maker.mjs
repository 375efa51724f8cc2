// Make the engine's memory snapshot for the next visit, in a worker of its own, after the reader's
// engine is ready: it boots a second, private copy of the engine, snapshots it before it has seen
// any answer, saves it (snapshot-store.mjs) and says {ok} or {ok: false, error}. The page then ends it.

import { bootEngine, fetchBytes } from "./boot.mjs";
import { canStore, saveSnapshot, snapshotKey } from "./snapshot-store.mjs";

self.onmessage = async ({ data }) => {
  const { pyodideURL, wheelURL, stdlibURL, lockInfo } = data;
  try {
    if (!canStore()) throw new Error("this browser cannot store a snapshot");
    const { loadPyodide } = await import(new URL("pyodide.mjs", pyodideURL).href);
    const pyodide = await bootEngine({
      loadPyodide,
      indexURL: pyodideURL,
      stdLibURL: stdlibURL,
      lockInfo,
      wheel: fetchBytes(wheelURL),
      makeSnapshot: true,
    });
    await saveSnapshot(snapshotKey(data), pyodide.makeMemorySnapshot());
    self.postMessage({ ok: true });
  } catch (error) {
    self.postMessage({ ok: false, error: String(error?.message ?? error) });
  }
};
