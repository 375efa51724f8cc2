// A small promise-based client for worker.mjs: start it once, then `call(op, payload)`.

import { pageLang } from "./strings.mjs";

// After a fresh start, make the snapshot for the next visit in a background worker once the page is
// quiet (snapshot-maker.mjs). Skipped on devices that report little memory.
function makeSnapshotLater(settings, delayMs = 3000) {
  if (navigator.deviceMemory !== undefined && navigator.deviceMemory < 2) return;
  const start = () => {
    const maker = new Worker(new URL("./snapshot-maker.mjs", import.meta.url), {
      type: "module",
      name: "second-look-snapshot",
    });
    const timer = setTimeout(() => maker.terminate(), LIMIT_MS); // a maker that hangs is ended, never kept
    const done = () => {
      clearTimeout(timer);
      maker.terminate();
    };
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

// Every start has a deadline: it fails, plainly, when the worker has said nothing for STALL_MS (no
// byte arrived, or Python did not finish starting), or when it has not finished after LIMIT_MS.
// A call has CALL_MS to answer. The worker is then ended; the page offers a retry.
export const STALL_MS = 30_000;
export const LIMIT_MS = 180_000;
export const CALL_MS = 20_000;

export class EngineError extends Error {
  constructor(message, reason) {
    super(message);
    this.reason = reason; // "network" | "damaged" | "slow" | "start" | "stopped"
  }
}

export function startEngine({
  lang = pageLang(), // sent with every call: the engine answers in the page's language
  pyodideURL,
  wheelURL,
  stdlibURL,
  lockInfo,
  files = {},
  fresh = false,
  onProgress = () => {},
}) {
  const worker = new Worker(new URL("./worker.mjs", import.meta.url), { type: "module", name: "second-look-engine" });
  const pending = new Map();
  let nextId = 1;
  let stopped = null;

  function stop(error) {
    if (stopped) return;
    stopped = error;
    worker.terminate();
    for (const entry of pending.values()) entry.reject(error);
    pending.clear();
  }

  const ready = new Promise((resolve, reject) => {
    let stall;
    const fail = (error) => {
      clearTimeout(stall);
      clearTimeout(limit);
      stop(error);
      reject(error);
    };
    const limit = setTimeout(() => fail(new EngineError("the live checker took too long to start", "slow")), LIMIT_MS);
    const waitMore = () => {
      clearTimeout(stall);
      stall = setTimeout(() => fail(new EngineError("the live checker stopped loading", "slow")), STALL_MS);
    };
    waitMore();
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      fail(new EngineError(event.message || "The engine worker could not start.", "start"));
    });
    worker.addEventListener("message", (event) => {
      const message = event.data;
      if (message.type === "progress") {
        waitMore();
        onProgress(message);
      } else if (message.type === "ready") {
        clearTimeout(stall);
        clearTimeout(limit);
        resolve(message);
      } else if (message.type === "failed") fail(new EngineError(message.message, message.reason ?? "start"));
      else if (message.type === "result") {
        const entry = pending.get(message.id);
        if (!entry) return;
        pending.delete(message.id);
        clearTimeout(entry.timer);
        if (message.response.ok) entry.resolve(message.response.result);
        else
          entry.reject(
            Object.assign(new Error(message.response.error), { question: message.response.question ?? null }),
          );
      }
    });
  });

  const settings = { pyodideURL, wheelURL, stdlibURL, lockInfo };
  worker.postMessage({ type: "init", ...settings, files, fresh });
  ready.then(
    (info) => info.boot === "fresh" && makeSnapshotLater(settings),
    () => {},
  );

  function call(op, payload = {}) {
    return ready.then(
      () =>
        new Promise((resolve, reject) => {
          if (stopped) return reject(stopped);
          const id = nextId++;
          const timer = setTimeout(() => {
            pending.delete(id);
            stop(new EngineError("the live checker stopped answering", "stopped"));
            reject(stopped);
          }, CALL_MS);
          pending.set(id, { resolve, reject, timer });
          try {
            worker.postMessage({ type: "call", id, request: { op, lang, ...payload } });
          } catch {
            pending.delete(id);
            clearTimeout(timer);
            reject(new Error("these answers could not be sent to the checker"));
          }
        }),
    );
  }

  return {
    ready,
    call,
    terminate: () => stop(new EngineError("the live checker was stopped", "stopped")),
    get stopped() {
      return stopped;
    },
  };
}
