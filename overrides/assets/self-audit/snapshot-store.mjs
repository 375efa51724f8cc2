// The engine's memory snapshot, kept in this browser's Cache Storage so that a repeat visit skips
// Python's start-up. It is taken right after the engine is imported, before any answer reaches it,
// so it never holds anything the reader typed. One snapshot per browser: a new engine or runtime
// (a new key) replaces it. Any problem reading or writing it just means a normal start.

const CACHE = "second-look-snapshot";

// One key per (runtime, standard library, engine): any new file means a new snapshot.
export function snapshotKey({ pyodideURL, stdlibURL, wheelURL }) {
  const query = new URLSearchParams({ pyodide: pyodideURL, stdlib: stdlibURL ?? "", wheel: wheelURL }).toString();
  return new URL(`engine-snapshot?${query}`, self.location.href).href;
}

export async function readSnapshot(key) {
  try {
    if (!self.caches || !self.DecompressionStream) return null;
    const hit = await (await caches.open(CACHE)).match(key);
    if (!hit) return null;
    const plain = hit.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch {
    return null;
  }
}

export function canStore() {
  return Boolean(self.caches && self.CompressionStream);
}

export async function saveSnapshot(key, bytes) {
  const cache = await caches.open(CACHE);
  for (const old of await cache.keys()) await cache.delete(old);
  const packed = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  await cache.put(key, new Response(packed));
}

export async function deleteSnapshots() {
  try {
    await caches.delete(CACHE);
  } catch {
    /* nothing stored */
  }
}
