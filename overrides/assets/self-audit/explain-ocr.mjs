// A photo or scan's text, read in this browser with tesseract.js and its English data (self-hosted
// under the site, see sitebuild/reader_tools.py; never a CDN). Loaded only when the reader chooses
// a photo. The photo is handed to the OCR worker and never stored: not in storage, not in a cache
// (cacheMethod "none": the English data is not kept in IndexedDB either; the service worker keeps
// the tool files once used, for offline use).

export class Cancelled extends Error {}

// onProgress({stage: "loading" | "reading", percent}); signal: an AbortSignal (Cancel).
export async function ocrText(file, folderURL, { onProgress = () => {}, signal } = {}) {
  if (signal?.aborted) throw new Cancelled("cancelled");
  const module = await import(new URL("tesseract.esm.min.js", folderURL).href);
  const { createWorker } = module.default ?? module; // the ESM build exports the library as its default
  let worker = null;
  let stop;
  const stopped = new Promise((_, reject) => {
    stop = () => reject(new Cancelled("cancelled"));
  });
  stopped.catch(() => {});
  const onAbort = () => {
    worker?.terminate().catch(() => {});
    stop();
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    const made = createWorker("eng", 1, {
      workerPath: new URL("worker.min.js", folderURL).href,
      corePath: new URL("core", folderURL).href,
      langPath: new URL("lang", folderURL).href,
      workerBlobURL: false,
      cacheMethod: "none",
      gzip: true,
      logger: (m) => {
        if (typeof m?.progress !== "number") return;
        const stage = m.status === "recognizing text" ? "reading" : "loading";
        onProgress({ stage, percent: Math.round(m.progress * 100) });
      },
      errorHandler: () => {},
    });
    // cancelled while the worker was starting: it is ended as soon as it exists
    made.then(
      (w) => signal?.aborted && w.terminate().catch(() => {}),
      () => {},
    );
    worker = await Promise.race([made, stopped]);
    if (signal?.aborted) throw new Cancelled("cancelled");
    const { data } = await Promise.race([worker.recognize(file), stopped]);
    return { text: data.text ?? "", confidence: data.confidence ?? null };
  } finally {
    signal?.removeEventListener("abort", onAbort);
    if (worker) worker.terminate().catch(() => {});
  }
}
