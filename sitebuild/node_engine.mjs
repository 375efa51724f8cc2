// The engine under Pyodide in Node.js, booted exactly as the browser's worker boots it (boot.mjs),
// for the import tracer (sitebuild/trace_imports.mjs) and the case runner (tests/node/run_cases.mjs).
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const BOOT = resolve(import.meta.dirname, "../overrides/assets/self-audit/boot.mjs");

// Pyodide from PYODIDE_DIR with the lock info inline, the engine unpacked from the wheel's bytes,
// and optionally another standard library zip. A failure prints its message (not Pyodide's
// minified source) and exits 1.
export async function bootFromFiles({ pyodideDir, wheel, stdlibZip }) {
  try {
    const { bootEngine } = await import(pathToFileURL(BOOT).href);
    const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
    return await bootEngine({
      loadPyodide,
      indexURL: resolve(pyodideDir) + "/",
      stdLibURL: stdlibZip ? resolve(stdlibZip) : undefined,
      lockInfo: JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8")).info,
      wheel: new Uint8Array(readFileSync(resolve(wheel))).buffer,
      options: { stdout: () => {}, stderr: () => {} },
    });
  } catch (error) {
    console.error(String(error.message ?? error).slice(-3000));
    process.exit(1);
  }
}

// The golden cases' JSON texts, in file-name order.
export function readCaseTexts(casesDir) {
  return readdirSync(casesDir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => readFileSync(join(casesDir, name), "utf8"));
}
