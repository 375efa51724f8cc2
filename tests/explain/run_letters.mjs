// The denial-letter extractor under Pyodide in Node.js, booted as the browser's worker boots the engine.
//
//   node tests/explain/run_letters.mjs PYODIDE_DIR ENGINE_WHEEL [STDLIB_ZIP]
//
// Runs every golden letter (tests/explain/letters) through checklist_engine.extract.explain and
// checks it with tests/explain/golden.py, the same check CPython runs. Prints one JSON line:
// {"python": version, "letters": n, "failures": [...], "ms_per_letter": x}.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { bootFromFiles } from "../../sitebuild/node_engine.mjs";

const [pyodideDir, wheel, stdlibZip] = process.argv.slice(2);
if (!pyodideDir || !wheel) {
  console.error("usage: node run_letters.mjs PYODIDE_DIR ENGINE_WHEEL [STDLIB_ZIP]");
  process.exit(2);
}
const here = import.meta.dirname;
const pyodide = await bootFromFiles({ pyodideDir, wheel, stdlibZip });
// The letters and the checker, copied into Pyodide's own file system (nothing else is shared).
pyodide.FS.mkdirTree("/golden/letters");
pyodide.FS.writeFile("/golden/golden.py", readFileSync(join(here, "golden.py"), "utf8"));
for (const name of readdirSync(join(here, "letters"))) {
  pyodide.FS.writeFile(`/golden/letters/${name}`, readFileSync(join(here, "letters", name), "utf8"));
}
let output;
try {
  output = pyodide.runPython(`
import json, sys, time
sys.path.insert(0, "/golden")
from golden import letters, check_letter
from checklist_engine.extract import explain

cases = letters()
failures = []
from checklist_engine.cases import english_in_findings
for name, text, expected in cases:
    failures.extend(check_letter(name, text, expected, explain(text)))
    failures.extend(english_in_findings(text, "es", name))  # what the page shows in Spanish
for text in ("", "\\x00\\xff" * 5000, "within " * 20000):
    try:
        explain(text)
    except Exception as exc:
        failures.append(f"explain raised {exc!r}")
started = time.perf_counter()
for _ in range(5):
    for _, text, _ in cases:
        explain(text)
json.dumps({"python": sys.version.split()[0], "letters": len(cases), "failures": failures,
            "ms_per_letter": round((time.perf_counter() - started) * 1000 / (5 * max(1, len(cases))), 3)})
`);
} catch (error) {
  console.error(String(error.message ?? error).slice(-3000));
  process.exit(1);
}
console.log(output);
