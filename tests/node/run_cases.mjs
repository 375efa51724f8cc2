// Run the golden cases (tests/cases/*.json) under Pyodide in Node.js: the browser's Python 3.14.
//
//   node tests/node/run_cases.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR [STDLIB_ZIP]
//
// STDLIB_ZIP, when given, replaces Pyodide's python_stdlib.zip (the site's reduced standard library).
// Prints one JSON line: {"python": version, "cases": n, "failures": [...], "ms_per_audit": x}.
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [pyodideDir, wheel, casesDir, stdlibZip] = process.argv.slice(2);
if (!pyodideDir || !wheel || !casesDir) {
  console.error("usage: node run_cases.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR [STDLIB_ZIP]");
  process.exit(2);
}
const { bootEngine } = await import(pathToFileURL(resolve(import.meta.dirname, "../../overrides/assets/self-audit/boot.mjs")).href);
const { loadPyodide } = await import(pathToFileURL(join(resolve(pyodideDir), "pyodide.mjs")).href);
// The browser's boot sequence: inline lock info, the engine wheel unpacked from its bytes.
let pyodide;
try {
  pyodide = await bootEngine({
    loadPyodide,
    indexURL: resolve(pyodideDir) + "/",
    stdLibURL: stdlibZip ? resolve(stdlibZip) : undefined,
    lockInfo: JSON.parse(readFileSync(join(pyodideDir, "pyodide-lock.json"), "utf8")).info,
    wheel: new Uint8Array(readFileSync(resolve(wheel))).buffer,
    options: { stdout: () => {}, stderr: () => {} },
  });
} catch (error) {
  console.error(String(error.message ?? error).slice(-3000)); // the message, not the minified source
  process.exit(1);
}

const cases = readdirSync(casesDir)
  .filter((name) => name.endsWith(".json"))
  .sort()
  .map((name) => readFileSync(join(casesDir, name), "utf8"));
pyodide.globals.set("CASE_TEXTS", pyodide.toPy(cases));
let output;
try {
  output = pyodide.runPython(`
import json, sys, time
from checklist_engine import audit, bridge
from checklist_engine.cases import check_case

failures = []
for text in CASE_TEXTS:
    failures.extend(check_case(json.loads(text)))
# the bridge, as the worker calls it, including a bad request
bad = json.loads(bridge.handle('{"op": "audit", "answers": {"denial_date": "31/12/2026"}}'))
if bad.get("ok") is not False:
    failures.append("bridge: a bad date should give ok: false")
import datetime as dt
today = dt.date(2026, 11, 27)
started = time.perf_counter()
for _ in range(20):
    audit({"stage": "claim", "plan_type": "employer"}, today)
json.dumps({"python": sys.version.split()[0], "cases": len(CASE_TEXTS), "failures": failures,
            "ms_per_audit": round((time.perf_counter() - started) * 1000 / 20, 2)})
`);
} catch (error) {
  console.error(String(error.message ?? error).slice(-3000));
  process.exit(1);
}
console.log(output);
