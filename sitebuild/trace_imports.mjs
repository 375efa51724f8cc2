// List the standard-library files the engine needs, by running it under Pyodide in Node.js.
//
//   node sitebuild/trace_imports.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR
//
// Loads Pyodide and the engine wheel, sends every golden case and every bridge operation
// (including bad requests, which take the error paths) through checklist_engine.bridge, then
// prints one JSON line: the sorted paths, inside python_stdlib.zip, of every module imported.
import { bootFromFiles, readCaseTexts } from "./node_engine.mjs";

const [pyodideDir, wheel, casesDir] = process.argv.slice(2);
if (!pyodideDir || !wheel || !casesDir) {
  console.error("usage: node trace_imports.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR");
  process.exit(2);
}
// Exactly the browser's boot sequence, so the trace holds what the browser imports.
const pyodide = await bootFromFiles({ pyodideDir, wheel });
const cases = readCaseTexts(casesDir);
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
