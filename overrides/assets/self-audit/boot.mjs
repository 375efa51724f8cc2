// Start Pyodide and install the engine wheel: the one boot sequence that the browser's worker and
// the Node.js tests and import tracer share, so what the tests check is what readers run.
//
//   indexURL   the Pyodide folder (pyodide.asm.mjs, pyodide.asm.wasm)
//   stdLibURL  the site's reduced python_stdlib.zip (optional: Pyodide's own otherwise)
//   lockInfo   the `info` of Pyodide's lock file: given inline, so no lock file is fetched
//              (the engine needs no packages from Pyodide's repository)
//   wheel      the engine wheel's bytes (an ArrayBuffer, or a promise of one, already downloading)

export async function bootEngine({ loadPyodide, indexURL, stdLibURL, lockInfo, wheel, onStep = () => {}, options = {} }) {
  const settings = { indexURL, ...options };
  if (stdLibURL) settings.stdLibURL = stdLibURL;
  if (lockInfo) settings.lockFileContents = JSON.stringify({ info: lockInfo, packages: {} });
  const pyodide = await loadPyodide(settings);
  onStep(2, "Loading the checklist engine");
  const sitePackages = pyodide.runPython("import sys; [p for p in sys.path if p.endswith('site-packages')][0]");
  pyodide.unpackArchive(await wheel, "wheel", { extractDir: sitePackages });
  onStep(3, "Starting the engine");
  return pyodide;
}
