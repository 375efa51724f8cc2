// Run the golden cases (tests/cases/*.json) under Pyodide in Node.js: the browser's Python 3.14, in
// English and in Spanish (checklist_engine.cases.check_case_language, english_left).
//
//   node tests/node/run_cases.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR [STDLIB_ZIP]
//
// STDLIB_ZIP, when given, replaces Pyodide's python_stdlib.zip (the site's reduced standard library).
// Prints one JSON line: {"python": version, "cases": n, "failures": [...], "ms_per_audit": x}.
import { bootFromFiles, readCaseTexts } from "../../sitebuild/node_engine.mjs";

const [pyodideDir, wheel, casesDir, stdlibZip] = process.argv.slice(2);
if (!pyodideDir || !wheel || !casesDir) {
  console.error("usage: node run_cases.mjs PYODIDE_DIR ENGINE_WHEEL CASES_DIR [STDLIB_ZIP]");
  process.exit(2);
}
const pyodide = await bootFromFiles({ pyodideDir, wheel, stdlibZip });
const cases = readCaseTexts(casesDir);
pyodide.globals.set("CASE_TEXTS", pyodide.toPy(cases));
let output;
try {
  output = pyodide.runPython(`
import json, sys, time
from checklist_engine import audit, bridge
from checklist_engine.cases import check_case, check_case_language, english_left

failures = []
for text in CASE_TEXTS:
    failures.extend(check_case(json.loads(text)))
    # the same case in Spanish: the same result, only the text differs, and none of it reads as English
    failures.extend(check_case_language(json.loads(text), "es"))
    failures.extend(english_left(json.loads(text), "es"))
spanish = json.loads(bridge.handle('{"op": "audit", "answers": {}, "today": "2026-03-03", "lang": "es"}'))
if spanish.get("result", {}).get("today_text") != "3 de marzo de 2026":
    failures.append("bridge: the report in Spanish should give the date in Spanish")
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
