// List the standard-library files the engine needs, by running it under Pyodide in Node.js.
//
//   node sitebuild/trace_imports.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR
//
// Loads Pyodide and the engine wheel, sends every golden case and every bridge operation
// (including bad requests, which take the error paths) through checklist_engine.bridge, then
// prints one JSON line: the sorted paths, inside python_stdlib.zip, of every module imported.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, casesDir] = process.argv.slice(2);
if (!pyodideDir || !wheel || !casesDir) {
  console.error("usage: node trace_imports.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR");
  process.exit(2);
}
const { bootEngine } = await import(pathToFileURL(resolve(import.meta.dirname, "../overrides/assets/self-audit/boot.mjs")).href);
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
// Exactly the browser's boot sequence (boot.mjs), so the trace holds what the browser imports.
const pyodide = await bootEngine({
  loadPyodide,
  indexURL: resolve(pyodideDir) + "/",
  lockInfo: JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8")).info,
  wheel: new Uint8Array(readFileSync(resolve(wheel))).buffer,
  options: { stdout: () => {}, stderr: () => {} },
});

const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => readFileSync(join(casesDir, name), "utf8"));
pyodide.globals.set("CASE_TEXTS", pyodide.toPy(cases));
const result = pyodide.runPython(`
import json, sys
from checklist_engine import bridge

requests = [{"op": "schema"}, {"op": "version"}, {"op": "nonsense"}, "not json", {"op": "audit", "answers": {"denial_date": "not a date"}}]
for text in CASE_TEXTS:
    case = json.loads(text)
    for op in ("audit", "deadlines", "letter", "doctor_letter"):
        requests.append({"op": op, "answers": case.get("answers", {}), "today": case.get("today")})
for request in requests:
    bridge.handle(request if isinstance(request, str) else json.dumps(request))

marker = "/python%d%d.zip/" % sys.version_info[:2]
files = sorted({m.__file__.split(marker, 1)[1] for m in list(sys.modules.values())
                if isinstance(getattr(m, "__file__", None), str) and marker in m.__file__})
json.dumps({"cases": len(CASE_TEXTS), "files": files})
`);
console.log(result);
