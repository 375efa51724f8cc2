// The self-audit page: the static form works on its own; once the engine is ready it adds the live report.

import { startEngine } from "./engine-client.mjs";
import { readAnswers } from "./form.mjs";
import { renderReport } from "./report.mjs";

const FAILED =
  "The live checker could not start in this browser. The checklist below still works: answer it and print this page.";

function meta(name) {
  const content = document.querySelector(`meta[name="${name}"]`)?.content;
  return content ? new URL(content, document.baseURI).href : null;
}

function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function main() {
  const root = document.getElementById("self-audit");
  if (!root) return;
  const form = document.getElementById("sa-form");
  const status = document.getElementById("sa-status");
  const result = document.getElementById("sa-result");
  const itemsRoot = document.getElementById("sa-items");
  root.dataset.engine = "loading";
  status.textContent = "Loading the live checker. You can start answering now.";

  const engine = startEngine({
    pyodideURL: meta("second-look:pyodide"),
    wheelURL: meta("second-look:engine"),
    onProgress: ({ step, steps, label }) => {
      status.textContent = `Loading the live checker (step ${step} of ${steps}): ${label}. You can keep answering.`;
    },
  });

  let latest = 0;
  async function update() {
    const ticket = ++latest;
    try {
      const report = await engine.call("audit", { answers: readAnswers(form), today: localToday() });
      if (ticket !== latest) return; // a newer answer is on its way
      renderReport(result, report, { itemsRoot, form });
    } catch (error) {
      if (ticket !== latest) return;
      status.textContent = `The checker could not read these answers: ${error.message}`;
    }
  }

  let timer;
  form.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(update, 200);
  });

  engine.ready.then(
    (info) => {
      root.dataset.engine = "ready";
      root.dataset.engineMs = String(info.ms);
      status.textContent = "The live checker is ready. Your report updates as you answer.";
      update();
    },
    () => {
      root.dataset.engine = "failed";
      status.textContent = FAILED;
    },
  );
}

main();
