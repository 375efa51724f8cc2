// Start Pyodide and install the engine wheel: the one boot sequence that the browser's worker and
// the Node.js tests and import tracer share, so what the tests check is what readers run.
//
//   indexURL      the Pyodide folder (pyodide.asm.mjs, pyodide.asm.wasm)
//   stdLibURL     the site's reduced python_stdlib.zip (optional: Pyodide's own otherwise)
//   lockInfo      the `info` of Pyodide's lock file: given inline, so no lock file is fetched
//                 (the engine needs no packages from Pyodide's repository)
//   wheel         the engine wheel's bytes (an ArrayBuffer, or a promise of one, already downloading)
//   snapshot      a memory snapshot from an earlier boot of the same runtime and engine (optional)
//   makeSnapshot  boot so that `pyodide.makeMemorySnapshot()` can be called afterwards
//
// Pyodide's memory snapshots are marked experimental; Pyodide is pinned, and the browser tests
// restore one, so a change of behaviour fails the tests, not the reader.

export async function fetchBytes(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}: ${url}`);
  return response.arrayBuffer();
}

export async function bootEngine({
  loadPyodide,
  indexURL,
  stdLibURL,
  lockInfo,
  wheel,
  snapshot = null,
  makeSnapshot = false,
  onStep = () => {},
  options = {},
}) {
  const settings = { indexURL, ...options };
  if (stdLibURL) settings.stdLibURL = stdLibURL;
  if (lockInfo) settings.lockFileContents = JSON.stringify({ info: lockInfo, packages: {} });
  if (snapshot) settings._loadSnapshot = snapshot;
  else if (makeSnapshot) settings._makeSnapshot = true;
  const pyodide = await loadPyodide(settings);
  onStep(2, "Loading the checklist engine");
  // The package files live in the virtual file system, which a memory snapshot does not hold:
  // they are unpacked on every boot (the engine reads its data files through importlib.resources).
  const sitePackages = pyodide.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  onStep(3, "Starting the engine");
  // Import the engine and read its data now: a snapshot taken next holds them ready.
  pyodide.runPython(
    "import checklist_engine, checklist_engine.bridge\nchecklist_engine.load_checklist()\nchecklist_engine.load_rules()",
  );
  return pyodide;
}
