// Hostile requests to the bridge under Pyodide in Node.js, where a deep JSON array once exhausted
// the WebAssembly stack ("Maximum call stack size exceeded": the runtime was lost, no reply).
//
//   node tests/node/bridge_limits.mjs PYODIDE_DIR ENGINE_WHEEL
//
// Prints one JSON line: the bridge's responses, in order, and whether the engine still answers.
import { bootFromFiles } from "../../sitebuild/node_engine.mjs";

const [pyodideDir, wheel] = process.argv.slice(2);
const pyodide = await bootFromFiles({ pyodideDir, wheel });
const handle = pyodide.pyimport("checklist_engine.bridge").handle;
const deep = (n) => `{"op": "audit", "answers": {"red_flags": ${"[".repeat(n)}${"]".repeat(n)}}}`;
const requests = [
  deep(2_500),
  deep(3_000),
  deep(100_000),
  '{"op": "audit", "answers": {"denial_date": "9999-12-31"}}',
  '{"op": [], "answers": {}}',
  '{"op": "audit", "answers": []}',
];
const responses = requests.map((text) => JSON.parse(handle(text)));
const after = JSON.parse(handle('{"op": "audit", "answers": {"urgent": true}, "today": "2026-11-24"}'));
console.log(JSON.stringify({ responses, stillAnswers: after.ok === true }));
