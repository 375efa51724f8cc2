// The self-audit page. The static form works on its own; this script adds, without ever blocking
// typing: the live report from the engine (Pyodide in a worker), the letters, keep-and-resume, and
// the error summary. Everything the reader types stays in this page (and in this browser's storage
// only if they opt in).

import { deadlinesToICS } from "./calendar.mjs";
import { download } from "./download.mjs";
import { engine, onProgress } from "./engine-start.mjs";
import { showErrorSummary, showInlineErrors } from "./errors.mjs";
import { checkAnswerSet, clearForm, fillUnanswered, readForm, writeForm } from "./form.mjs";
import { KeepError, envelope, readFile, store } from "./keep.mjs";
import { createLetters } from "./letters.mjs";
import { applyReport, renderReport, summarySentence } from "./report.mjs";

const FAILED =
  "The live checker could not start in this browser. The checklist below still works: answer it and print this page.";

function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function debounce(fn, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Ask the service worker (if there is one) to keep the runtime files for the next visit and offline use.
async function keepRuntime(urls, root) {
  if (!("serviceWorker" in navigator) || !urls?.length) return;
  const registration = await navigator.serviceWorker.ready;
  const channel = new MessageChannel();
  const reply = new Promise((resolve) => {
    channel.port1.onmessage = (event) => resolve(event.data);
  });
  registration.active?.postMessage({ type: "cache-runtime", urls }, [channel.port2]);
  if ((await reply)?.ok) root.dataset.runtimeCached = "yes";
}

function byId(id) {
  return document.getElementById(id);
}

function main() {
  const root = byId("self-audit");
  if (!root) return;
  const form = byId("sa-form");
  const status = byId("sa-status");
  const result = byId("sa-result");
  const summary = byId("sa-errors");
  const announce = byId("sa-announce");
  const keepStatus = byId("sa-keep-status");
  const saveBox = byId("sa-save");
  const importInput = byId("sa-import");
  const siteRoot = new URL(root.dataset.siteRoot.replace(/\/?$/, "/"), document.baseURI);
  const links = { siteRoot, titles: new Map(Object.entries(JSON.parse(root.dataset.linkTitles || "{}"))) };
  const checklistVersion = root.dataset.schemaVersion;

  let engineReady = false;
  let latest = 0;
  let report = null;
  let lastSentence = "";
  let pendingLetters = null;
  const touched = new Set();

  const letters = createLetters(byId("sa-letters"), { onChange: () => persist() });
  byId("sa-actions").hidden = false;
  byId("sa-keep").hidden = false;

  function persist() {
    if (!saveBox.checked) return;
    const { answers } = readForm(form, localToday());
    if (!store.save(envelope(answers, letters.saved(), checklistVersion))) {
      keepStatus.textContent = "This browser would not save your answers. Download them to a file instead.";
    }
  }

  const announceLater = debounce((sentence) => {
    announce.textContent = sentence;
  }, 1500);

  async function update() {
    const ticket = ++latest;
    const today = localToday();
    const { answers, problems } = readForm(form, today);
    showInlineErrors(form, problems.filter((p) => touched.has(p.question)));
    persist();
    if (!engineReady) return;
    try {
      const { report: fresh, letter: appeal, doctor_letter: doctor } = await engine.call("report_and_letters", { answers, today });
      if (ticket !== latest) return; // a newer answer is on its way
      report = fresh;
      const started = problems.length > 0 || Object.keys(answers).some((id) => id !== "schema");
      renderReport(result, report, links, { started });
      root.dataset.reports = String(Number(root.dataset.reports ?? 0) + 1); // tests wait on this
      applyReport(report, { itemsRoot: byId("sa-items"), form });
      letters.update("appeal", appeal);
      letters.update("doctor", doctor);
      if (pendingLetters) {
        letters.restore(pendingLetters);
        pendingLetters = null;
      }
      const sentence = started ? summarySentence(report) : "";
      if (sentence !== lastSentence) {
        lastSentence = sentence;
        announceLater(sentence);
      }
    } catch (error) {
      if (ticket !== latest) return;
      if (error.question) {
        touched.add(error.question);
        showInlineErrors(form, [...problems, { question: error.question, message: "This answer cannot be used. Check it and try again." }]);
      } else {
        status.textContent = `The checker could not read these answers: ${error.message}`;
      }
    }
  }
  const updateSoon = debounce(update, 250);

  // 1. Answers saved in this browser (only if the reader opted in earlier) come back first.
  // Answers this page could not place (an older checklist's ids) wait for the engine, which knows
  // how questions were renamed.
  let olderAnswers = null;
  const saved = store.load();
  if (saved.state === "ok") {
    const skipped = writeForm(form, saved.answers);
    pendingLetters = saved.letters;
    saveBox.checked = true;
    keepStatus.textContent = "We filled in the answers you saved in this browser.";
    if (skipped.length) olderAnswers = Object.fromEntries(skipped.map((id) => [id, saved.answers[id]]));
  } else if (saved.state === "corrupt") {
    keepStatus.textContent = "Your saved answers could not be read, so they were removed from this browser. You can start again or open an answers file.";
  }

  // 2. The engine starts at once, in a worker; the reader can type meanwhile.
  root.dataset.engine = "loading";
  status.textContent = "Loading the live checker. You can start answering now.";
  onProgress(({ step, steps, label }) => {
    if (root.dataset.engine === "loading") {
      status.textContent = `Loading the live checker (step ${step} of ${steps}): ${label}. You can keep answering.`;
    }
  });

  async function placeOlderAnswers() {
    if (!olderAnswers) return;
    const { answers, warnings } = await engine.call("normalize", { answers: { schema: 1, ...olderAnswers } });
    olderAnswers = null;
    fillUnanswered(form, answers);
    if (warnings.length) {
      keepStatus.textContent += ` ${warnings.length} old answer${warnings.length === 1 ? " was" : "s were"} left out because the checklist changed.`;
    }
  }

  engine.ready.then(
    async (info) => {
      engineReady = true;
      await placeOlderAnswers().catch(() => {
        olderAnswers = null; // an old answer that no longer fits is dropped, never fatal
      });
      root.dataset.engine = "ready";
      root.dataset.engineMs = String(info.ms);
      root.dataset.engineBoot = info.boot;
      root.dataset.engineReadyAt = String(Math.round(performance.now())); // since navigation start
      byId("sa-letters").hidden = false;
      status.textContent = "The live checker is ready. Your report updates as you answer.";
      update();
      keepRuntime(info.urls, root).catch(() => {
        /* no offline copy this time; everything works the same online */
      });
    },
    () => {
      root.dataset.engine = "failed";
      status.textContent = FAILED;
    },
  );

  // 3. Answering.
  form.addEventListener("input", updateSoon);
  form.addEventListener("change", (event) => {
    const block = event.target.closest(".sa-question");
    if (block) touched.add(block.dataset.question);
    updateSoon();
  });
  byId("sa-check").addEventListener("click", async () => {
    const { problems } = readForm(form, localToday());
    const shown = problems.filter((p) => !p.hidden);
    for (const p of shown) touched.add(p.question);
    showInlineErrors(form, shown);
    showErrorSummary(summary, form, shown);
    if (shown.length) return;
    await update();
    const heading = byId("sa-report-title");
    heading.scrollIntoView({ block: "start" });
    heading.focus();
  });

  // 4. Report actions.
  result.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "ics" && report) {
      download("appeal-deadlines.ics", deadlinesToICS(report.deadlines, report.check_notice), "text/calendar");
    } else if (action === "print-summary") {
      window.print();
    }
  });

  // A printed summary shows the whole list.
  window.addEventListener("beforeprint", () => {
    for (const details of result.querySelectorAll("details")) details.open = true;
  });

  // 5. Keep and resume.
  saveBox.addEventListener("change", () => {
    if (saveBox.checked) {
      persist();
      keepStatus.textContent = "Saved in this browser. Your answers will be here next time you open this page.";
    } else {
      store.remove();
      keepStatus.textContent = "Your answers are no longer saved in this browser. They stay on this page until you close it.";
    }
  });
  byId("sa-export").addEventListener("click", () => {
    const { answers } = readForm(form, localToday());
    const name = `second-look-answers-${localToday()}.json`;
    download(name, JSON.stringify(envelope(answers, letters.saved(), checklistVersion), null, 2), "application/json");
    keepStatus.textContent = `Downloaded ${name}. Open it here later with "Open an answers file".`;
  });
  byId("sa-import-button").addEventListener("click", () => importInput.click());
  importInput.addEventListener("change", async () => {
    const file = importInput.files[0];
    importInput.value = "";
    if (!file) return;
    try {
      const opened = await readFile(file);
      let answers = opened.answers;
      let warnings = [];
      if (engineReady) {
        try {
          ({ answers, warnings } = await engine.call("normalize", { answers }));
        } catch (error) {
          throw new KeepError(`This file has an answer that cannot be used (${error.message}).`);
        }
      } else {
        const problems = checkAnswerSet(form, answers, null);
        if (problems.length) throw new KeepError(`This file has an answer that cannot be used (${problems[0]}).`);
      }
      const skipped = writeForm(form, answers);
      letters.reset();
      pendingLetters = opened.letters;
      touched.clear();
      showInlineErrors(form, []);
      showErrorSummary(summary, form, []);
      const left = Math.max(skipped.length, warnings.length);
      keepStatus.textContent =
        `Opened ${file.name}. Your answers are filled in.` +
        (left ? ` ${left} old answer${left === 1 ? " was" : "s were"} left out because the checklist changed.` : "");
      await update();
    } catch (error) {
      keepStatus.textContent = `${error instanceof KeepError ? error.message : "This file could not be opened."} Your current answers were not changed.`;
    }
  });
  byId("sa-delete").addEventListener("click", () => {
    if (!window.confirm("Delete all your answers from this page and from this browser?")) return;
    store.remove();
    saveBox.checked = false;
    clearForm(form);
    letters.reset();
    pendingLetters = null;
    touched.clear();
    showInlineErrors(form, []);
    showErrorSummary(summary, form, []);
    keepStatus.textContent = "Your answers were deleted from this page and this browser.";
    update();
  });
}

main();
