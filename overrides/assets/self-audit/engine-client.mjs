// A small promise-based client for worker.mjs: start it once, then `call(op, payload)`.

// After a fresh start, make the snapshot for the next visit in a background worker once the page is
// quiet (snapshot-maker.mjs). Skipped on devices that report little memory.
function makeSnapshotLater(settings, delayMs = 3000) {
  if (navigator.deviceMemory !== undefined && navigator.deviceMemory < 2) return;
  const start = () => {
    const maker = new Worker(new URL("./snapshot-maker.mjs", import.meta.url), { type: "module", name: "second-look-snapshot" });
    const done = () => maker.terminate();
    maker.addEventListener("message", done);
    maker.addEventListener("error", (event) => {
      event.preventDefault();
      done();
    });
    maker.postMessage(settings);
  };
  const idle = globalThis.requestIdleCallback ?? ((fn) => fn());
  setTimeout(() => idle(start, { timeout: 10_000 }), delayMs);
}

export function startEngine({ pyodideURL, wheelURL, stdlibURL, lockInfo, onProgress = () => {} }) {
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module", name: "second-look-engine" });
  const pending = new Map();
  let nextId = 1;

  const ready = new Promise((resolve, reject) => {
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      reject(new Error(event.message || "The engine worker could not start."));
    });
    worker.addEventListener("message", (event) => {
      const message = event.data;
      if (message.type === "progress") onProgress(message);
      else if (message.type === "ready") resolve(message);
      else if (message.type === "failed") reject(new Error(message.message));
      else if (message.type === "result") {
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        if (message.response.ok) entry.resolve(message.response.result);
        else entry.reject(Object.assign(new Error(message.response.error), { question: message.response.question ?? null }));
      }
    });
  });

  const settings = { pyodideURL, wheelURL, stdlibURL, lockInfo };
  worker.postMessage({ type: "init", ...settings });
  ready.then((info) => info.boot === "fresh" && makeSnapshotLater(settings), () => {});

  function call(op, payload = {}) {
    return ready.then(
      () =>
        new Promise((resolve, reject) => {
          const id = nextId++;
          pending.set(id, { resolve, reject });
          worker.postMessage({ type: "call", id, request: { op, ...payload } });
        }),
    );
  }

  return { ready, call, terminate: () => worker.terminate() };
}
