// The self-audit page. The static form works on its own; this script adds, without ever blocking
// typing: the live report from the engine (Pyodide in a worker), the letters, keep-and-resume, and
// the error summary. Everything the reader types stays in this page (and in this browser's storage
// only if they opt in).

import { createAppealFile } from "./appeal-file.mjs";
import { clocksAsDeadlines, deadlinesToICS } from "./calendar.mjs";
import { download } from "./download.mjs";
import { engine, onProgress } from "./engine-start.mjs";
import { showErrorSummary, showInlineErrors } from "./errors.mjs";
import { mountExplain } from "./explain.mjs";
import {
  checkAnswerSet,
  clearForm,
  fillAnswer,
  fillUnanswered,
  isOptional,
  questionInfo,
  readForm,
  writeForm,
} from "./form.mjs";
import { KeepError, STORAGE_KEY, contentOf, envelope, readFile, store, withEvents } from "./keep.mjs";
import { createLetters } from "./letters.mjs";
import { preparePlanPrint } from "./print.mjs";
import { applyReport, renderReport, summarySentence } from "./report.mjs";
import { createCalls } from "./scripts.mjs";
import { createSteps } from "./steps.mjs";
import { t } from "./strings.mjs";

// Why the live checker is not running, by the reason the engine client gives, in plain words.
const WHY = {
  network: () => t("its files could not be downloaded. Check your internet connection"),
  damaged: () => t("its files arrived damaged"),
  slow: () => t("it took too long"),
  start: () => t("it could not run in this browser"),
  stopped: () => t("it stopped answering"),
};
const STILL_WORKS = () =>
  t("Your answers are safe on this page, and the checklist below still works: answer it and print this page.");

function megabytes(bytes) {
  return (bytes / 1_000_000).toFixed(1);
}

// Framing: a meta Content-Security-Policy cannot set frame-ancestors, and GitHub Pages sends no
// header that could, so another site can put this page in a frame. When framed, the page shows no
// saved answers and offers a link that opens it on its own. The limit: without JavaScript (or in a
// frame that blocks scripts) the static checklist can still be framed; it then holds no saved answers.
function framed() {
  try {
    return window.top !== window.self;
  } catch {
    return true;
  }
}

function refuseFrame(root) {
  const note = document.createElement("p");
  note.className = "sa-framed";
  note.append(`${t("This page is shown inside another website. To keep your answers private,")} `);
  const link = document.createElement("a");
  link.href = window.location.href;
  link.target = "_top";
  link.rel = "noopener";
  link.textContent = t("open Second Look on its own");
  note.append(link, ".");
  root.replaceChildren(note);
}

// "N old answers were left out ...", in the page's words.
function leftOut(n) {
  return n === 1
    ? t("1 old answer was left out because the checklist changed.")
    : t("{n} old answers were left out because the checklist changed.", { n });
}

function localToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function debounce(fn, ms) {
  let timer;
  const later = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  later.pending = () => timer !== undefined;
  return later;
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
  if (framed()) {
    refuseFrame(root);
    return;
  }
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
  const checklistVersion = root.dataset.checklistVersion;

  let engineReady = false;
  let latest = 0;
  let report = null;
  let lastSentence = "";
  let pendingLetters = null; // saved or opened letters, until the engine has written the letters
  let saveBlocked = false; // what is saved was written by a newer page, or could not be moved aside
  let stored = null; // the content last written to (or read from) storage
  let unsaved = false; // answers or letters changed since they were last saved or downloaded
  let beforeImport = null; // the answers and letters an import replaced, until they are put back
  let olderAnswers = null; // saved answers of an older checklist, until the engine places them
  const touched = new Set();
  let engineProblems = []; // the engine's error for the answers last sent ({question, message}), if any

  // The edited letters live in the page's text boxes, not in the browser's session files.
  for (const textarea of byId("sa-letters").querySelectorAll("textarea")) textarea.autocomplete = "off";
  const letters = createLetters(byId("sa-letters"), {
    onChange: () => {
      unsaved = true;
      persist();
    },
  });
  byId("sa-actions").hidden = false;
  byId("sa-keep").hidden = false;
  // "Start from your denial letter": above the questions; fills a question only when the reader confirms.
  const explain = mountExplain({
    before: form,
    engine,
    fill: (id, value) => fillAnswer(form, id, value),
    questionInfo: (id) => questionInfo(form, id),
    onDeadline: () => update(),
  });
  // The appeal file (its own module): events are kept, exported and deleted with the answers. Below
  // the questions: on a first visit it would push them more than a phone screen down.
  const caseFile = createAppealFile({
    after: form,
    call: (op, payload) => engine.call(op, payload),
    onChange: () => {
      unsaved = true;
      persist();
      updateSoon();
    },
  });
  // "Calls to make" (scripts.mjs), after the report: "I made this call" opens the appeal file's form
  // (below the questions), prefilled.
  const calls = createCalls(byId("sa-report"), {
    call: (op, payload) => engine.call(op, payload),
    addEvent: (prefill) => caseFile.addEvent(prefill),
  });

  // The questions one step at a time. Next checks the step's answers: an answer that cannot be used
  // stops it (the error summary, as "Check my appeal" shows it), unless the question is optional;
  // an empty answer never does.
  const steps = createSteps({
    root,
    form,
    summary,
    checkButton: byId("sa-check"),
    checkStep(blocks) {
      const inStep = new Map(blocks.filter((b) => !b.hidden).map((b) => [b.dataset.question, b]));
      const { problems } = readForm(form, localToday());
      for (const p of problems) if (inStep.has(p.question)) touched.add(p.question);
      showInlineErrors(
        form,
        problems.filter((p) => touched.has(p.question)),
      );
      const stopping = problems.filter((p) => inStep.has(p.question) && !isOptional(inStep.get(p.question)));
      showErrorSummary(summary, form, stopping);
      return stopping.length === 0;
    },
  });

  // The letters to keep: until the engine has rebuilt the letters, the ones saved or opened.
  function lettersNow() {
    return pendingLetters ?? letters.saved();
  }

  // The answers to keep: the form's, and saved answers of an older checklist that wait for the
  // engine to place them (kept as they were until then).
  function answersNow() {
    const { answers } = readForm(form, localToday());
    return olderAnswers ? { ...olderAnswers, ...answers } : answers;
  }

  // The whole state (answers and letters), written in one step, only when it changed.
  function persist() {
    if (!saveBox.checked || saveBlocked) return;
    const answers = answersNow();
    const content = contentOf(answers, lettersNow(), caseFile.events());
    if (content === stored) {
      unsaved = false;
      return;
    }
    if (store.save(withEvents(envelope(answers, lettersNow(), checklistVersion), caseFile.events()))) {
      stored = content;
      unsaved = false;
    } else {
      saveBox.checked = false;
      explain.saving(false);
      keepStatus.textContent = t(
        "This browser would not save your answers: its storage may be full or turned off. Your answers stay on this page until you close it. Download them to a file to keep them.",
      );
    }
  }

  function keepButton(id, text, onClick) {
    let button = byId(id);
    if (!button) {
      button = document.createElement("button");
      button.type = "button";
      button.className = "md-button";
      button.id = id;
      keepStatus.before(button);
    }
    button.textContent = text;
    button.hidden = false;
    button.onclick = onClick;
    return button;
  }

  const announceLater = debounce((sentence) => {
    announce.textContent = sentence;
  }, 1500);

  // data-updating is on while an update is waiting or running, so that a reader of the page's state
  // (the tests) can wait for the report of the latest answers instead of waiting for a quiet moment.
  const updateLater = debounce(update, 250);
  async function update() {
    root.dataset.updating = "";
    const ticket = ++latest;
    try {
      await updateNow(ticket);
    } finally {
      if (ticket === latest && !updateLater.pending()) delete root.dataset.updating;
    }
  }

  async function updateNow(ticket) {
    const today = localToday();
    const { answers, problems } = readForm(form, today);
    showInlineErrors(
      form,
      problems.filter((p) => touched.has(p.question)),
    );
    persist();
    if (!engineReady || engine.stopped) return;
    try {
      const {
        report: fresh,
        letter: appeal,
        doctor_letter: doctor,
        requests,
        reading,
      } = await engine.call("report_and_letters", {
        answers,
        today,
        events: caseFile.events(),
        letter_deadline: explain.deadline(),
      });
      if (ticket !== latest) return; // a newer answer is on its way
      report = fresh;
      engineProblems = [];
      const started = problems.length > 0 || Object.keys(answers).some((id) => id !== "schema");
      renderReport(result, report, links, { started });
      explain.showInReport(result, report);
      caseFile.render(report);
      root.dataset.reports = String(Number(root.dataset.reports ?? 0) + 1); // tests wait on this
      applyReport(report, { itemsRoot: byId("sa-items"), form });
      steps.refresh();
      letters.update("appeal", appeal);
      letters.update("doctor", doctor);
      calls.update(answers, today, started).catch(() => calls.hide()); // the report stands without it
      letters.offer(report, requests);
      letters.read(reading); // the letters in Spanish, to read (a Spanish page only)
      if (pendingLetters) {
        letters.restore(pendingLetters);
        pendingLetters = null;
        persist();
      }
      const sentence = started ? summarySentence(report) : "";
      if (sentence !== lastSentence) {
        lastSentence = sentence;
        announceLater(sentence);
      }
    } catch (error) {
      if (ticket !== latest) return;
      if (engine.stopped) {
        engineFailed(engine.stopped);
      } else if (error.question) {
        touched.add(error.question);
        // the engine's error as it is (answers.MESSAGES), without the question id it starts with
        const prefix = `${error.question}: `;
        const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
        engineProblems = [{ question: error.question, message }];
        showInlineErrors(form, [...problems, ...engineProblems]);
      } else {
        status.textContent = t("The checker could not read these answers: {message}", { message: error.message });
      }
    }
  }
  function updateSoon() {
    root.dataset.updating = "";
    updateLater();
  }

  // 1. Answers saved in this browser (only if the reader opted in earlier) come back first.
  // Answers this page could not place (an older checklist's ids) wait for the engine, which knows
  // how questions were renamed.
  function offerSetAside() {
    const items = store.setAsideItems();
    if (!items.length) return;
    keepButton("sa-download-unreadable", t("Download the saved answers we could not read"), () => {
      const latest = items[items.length - 1];
      download(
        t("second-look-unreadable-answers-{date}.json", { date: localToday() }),
        latest.text,
        "application/json",
      );
    });
  }

  const saved = store.load();
  if (saved.state === "ok") {
    const skipped = writeForm(form, saved.answers);
    pendingLetters = Object.keys(saved.letters).length ? saved.letters : null;
    caseFile.setEvents(saved.events);
    stored = contentOf(saved.answers, saved.letters, saved.events);
    saveBox.checked = true;
    explain.saving(true);
    keepStatus.textContent = t("We filled in the answers you saved in this browser.");
    if (skipped.length) olderAnswers = Object.fromEntries(skipped.map((id) => [id, saved.answers[id]]));
  } else if (saved.state === "newer") {
    saveBlocked = true;
    saveBox.checked = true;
    keepStatus.textContent = t(
      "Your answers were saved by a newer version of this page: reload the page to see them. They are kept as they are; this page will not change them.",
    );
    keepButton("sa-reload", t("Reload this page"), () => window.location.reload());
  } else if (saved.state === "unreadable") {
    saveBlocked = saved.setAside === null;
    keepStatus.textContent = saved.setAside
      ? t(
          "Your saved answers could not be read. We kept a copy in this browser: you can download it below, and start again or open an answers file.",
        )
      : t("Your saved answers could not be read. They were left as they are in this browser.");
  }
  offerSetAside();

  // 2. The engine starts at once, in a worker; the reader can type meanwhile. Every start has a
  // deadline (engine-client.mjs): a failed or slow start is said plainly, with a retry button.
  // The bar is in the page from the build (checklist_html.py), so nothing moves when this runs.
  const loading = byId("sa-loading");
  const loadingLabel = loading.querySelector("label");
  const bar = byId("sa-progress");
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "md-button sa-no-print";
  retry.id = "sa-retry";
  retry.textContent = t("Try again to start the live checker");
  retry.hidden = true;
  loading.after(retry);

  function showBytes(loaded, total) {
    bar.max = total || 1;
    bar.value = Math.min(loaded, total);
    loadingLabel.textContent = t("Getting the checker ready: {loaded} of {total} MB", {
      loaded: megabytes(loaded),
      total: megabytes(total),
    });
  }

  function engineLoading() {
    root.dataset.engine = "loading";
    retry.hidden = true;
    loading.hidden = false;
    showBytes(0, engine.totalBytes);
    status.textContent = t("You can keep answering: your report will appear here.");
  }

  function engineFailed(error) {
    engineReady = false;
    root.dataset.engine = "failed";
    root.dataset.engineFailure = error?.reason ?? "start";
    loading.hidden = true;
    const why = (WHY[error?.reason] ?? WHY.start)();
    status.textContent = `${t("The live checker could not start: {why}.", { why })} ${STILL_WORKS()}`;
    retry.hidden = false;
  }

  async function placeOlderAnswers() {
    if (!olderAnswers) return;
    const { answers, warnings } = await engine.call("normalize", { answers: { schema: 1, ...olderAnswers } });
    olderAnswers = null;
    fillUnanswered(form, answers);
    if (warnings.length) {
      keepStatus.textContent += ` ${leftOut(warnings.length)}`;
    }
  }

  function watchEngine(ready) {
    engineLoading();
    ready.then(
      async (info) => {
        engineReady = true;
        await placeOlderAnswers().catch(() => {
          olderAnswers = null; // an old answer that no longer fits is dropped, never fatal
        });
        root.dataset.engine = "ready";
        root.dataset.engineMs = String(info.ms);
        root.dataset.engineBoot = info.boot;
        root.dataset.engineReadyAt = String(Math.round(performance.now())); // since navigation start
        loading.hidden = true;
        byId("sa-letters").hidden = false;
        await caseFile.start().catch(() => {
          /* the appeal file stays hidden; the rest of the page works */
        });
        status.textContent = t("The live checker is ready. Your report updates as you answer.");
        update();
        keepRuntime(info.urls, root).catch(() => {
          /* no offline copy this time; everything works the same online */
        });
      },
      (error) => engineFailed(error),
    );
  }
  watchEngine(engine.ready);
  // after the first watchEngine: it shows 0 bytes, and subscribing replays the bytes already counted
  // (on a fast link, or a slow page script, they may all have arrived before this line runs)
  onProgress(({ loaded, total }) => {
    if (root.dataset.engine === "loading") showBytes(loaded, total);
  });
  retry.addEventListener("click", () => {
    watchEngine(engine.retry());
    status.focus?.();
  });

  // 3. Answering.
  form.addEventListener("input", () => {
    unsaved = true;
    updateSoon();
  });
  form.addEventListener("change", (event) => {
    const block = event.target.closest(".sa-question");
    if (block) touched.add(block.dataset.question);
    unsaved = true;
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
    if (engineProblems.length) {
      showErrorSummary(summary, form, engineProblems); // the engine's check (two dates that disagree)
      return;
    }
    const heading = byId("sa-report-title");
    heading.scrollIntoView({ block: "start" });
    heading.focus();
  });

  // 4. Report actions.
  result.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action === "ics" && report) {
      download(
        t("appeal-deadlines.ics"),
        deadlinesToICS([...report.deadlines, ...clocksAsDeadlines(report.clocks)], report.check_notice),
        "text/calendar",
      );
    } else if (action === "print-summary") {
      window.print();
    }
  });

  // A printed summary shows the whole list.
  window.addEventListener("beforeprint", () => {
    for (const details of result.querySelectorAll("details")) details.open = true;
    if (report) preparePlanPrint(result, form);
  });

  // 5. Keep and resume.
  saveBox.addEventListener("change", () => {
    if (saveBlocked) {
      saveBox.checked = true;
      keepStatus.textContent = t(
        "Reload this page first: your saved answers were written by a newer version of it, and this page will not change them.",
      );
      return;
    }
    explain.saving(saveBox.checked);
    if (saveBox.checked) {
      stored = null; // write now, whatever was there
      persist();
      if (saveBox.checked)
        keepStatus.textContent = t("Saved in this browser. Your answers will be here next time you open this page.");
    } else {
      store.remove();
      stored = null;
      unsaved = true;
      keepStatus.textContent = t(
        "Your answers are no longer saved in this browser. They stay on this page until you close it.",
      );
    }
  });
  byId("sa-export").addEventListener("click", () => {
    const answers = answersNow();
    const name = t("second-look-answers-{date}.json", { date: localToday() });
    download(
      name,
      JSON.stringify(withEvents(envelope(answers, lettersNow(), checklistVersion), caseFile.events()), null, 2),
      "application/json",
    );
    unsaved = false;
    keepStatus.textContent = t('Downloaded {name}. Open it here later with "Open an answers file".', { name });
  });
  byId("sa-import-button").addEventListener("click", () => importInput.click());
  // Put a whole answer set (and its letters) into the page, as an import or an undo does.
  function replaceAll(answers, savedLetters, events = []) {
    olderAnswers = null;
    const skipped = writeForm(form, answers);
    caseFile.setEvents(events);
    letters.reset();
    pendingLetters = savedLetters && Object.keys(savedLetters).length ? savedLetters : null;
    touched.clear();
    showInlineErrors(form, []);
    showErrorSummary(summary, form, []);
    unsaved = true;
    return skipped;
  }

  function describeCurrent(answers, edited, events = []) {
    const count = Object.keys(answers).filter((id) => id !== "schema").length;
    const parts = [];
    if (count)
      parts.push(count === 1 ? t("your 1 answer on this page") : t("your {n} answers on this page", { n: count }));
    if (Object.keys(edited).length) parts.push(t("the letter you edited"));
    if (events.length)
      parts.push(
        events.length === 1
          ? t("the 1 entry in your appeal file")
          : t("the {n} entries in your appeal file", { n: events.length }),
      );
    return parts.join(t(" and "));
  }

  importInput.addEventListener("change", async () => {
    const file = importInput.files[0];
    importInput.value = "";
    if (!file) return;
    try {
      const opened = await readFile(file);
      let answers = opened.answers;
      let warnings = [];
      if (engineReady && !engine.stopped) {
        try {
          ({ answers, warnings } = await engine.call("normalize", { answers }));
        } catch (error) {
          throw new KeepError(t("This file has an answer that cannot be used ({reason}).", { reason: error.message }));
        }
      } else {
        const problems = checkAnswerSet(form, answers);
        if (problems.length)
          throw new KeepError(t("This file has an answer that cannot be used ({reason}).", { reason: problems[0] }));
      }
      // the appeal file's events, checked one by one: a bad one is named and left out, nothing else
      let events = opened.events;
      let eventNote = opened.eventsUnreadable
        ? ` ${t("The appeal file in it could not be read and was left out.")}`
        : "";
      if (engineReady && !engine.stopped && events.length) {
        const checked = await engine.call("events", { events });
        events = checked.events;
        if (checked.errors.length) {
          const bad = new Set(checked.errors.map((e) => e.index)).size;
          const why = checked.errors.map((e) => e.message).join("; ");
          eventNote = ` ${
            bad === 1
              ? t("1 entry of its appeal file could not be used and was left out: {why}.", { why })
              : t("{n} entries of its appeal file could not be used and were left out: {why}.", { n: bad, why })
          }`;
        }
      }
      const current = readForm(form, localToday()).answers;
      const currentLetters = lettersNow();
      const currentEvents = caseFile.events();
      const replaced = describeCurrent(current, currentLetters, currentEvents);
      const incoming = Object.keys(answers).filter((id) => id !== "schema").length;
      if (
        replaced &&
        !window.confirm(
          incoming === 1
            ? t("Open {file}? Its 1 answer will replace {replaced}. You can put yours back afterwards.", {
                file: file.name,
                replaced,
              })
            : t("Open {file}? Its {n} answers will replace {replaced}. You can put yours back afterwards.", {
                file: file.name,
                n: incoming,
                replaced,
              }),
        )
      ) {
        keepStatus.textContent = t("Nothing was opened. Your current answers were not changed.");
        return;
      }
      beforeImport = replaced ? { answers: current, letters: currentLetters, events: currentEvents } : null;
      const skipped = replaceAll(answers, opened.letters, events);
      const left = Math.max(skipped.length, warnings.length);
      keepStatus.textContent =
        t("Opened {file}. Your answers are filled in.", { file: file.name }) +
        (left ? ` ${leftOut(left)}` : "") +
        eventNote;
      if (beforeImport) {
        keepButton("sa-undo-import", t("Put back the answers I had before"), () => {
          replaceAll(beforeImport.answers, beforeImport.letters, beforeImport.events);
          beforeImport = null;
          byId("sa-undo-import").hidden = true;
          keepStatus.textContent = t("Your answers from before you opened the file are back.");
          update();
        });
      }
      await update();
    } catch (error) {
      keepStatus.textContent = `${error instanceof KeepError ? error.message : t("This file could not be opened.")} ${t("Your current answers were not changed.")}`;
    }
  });
  byId("sa-delete").addEventListener("click", () => {
    if (!window.confirm(t("Delete all your answers from this page and from this browser?"))) return;
    store.remove({ setAside: true });
    saveBox.checked = false;
    saveBlocked = false;
    stored = null;
    unsaved = false;
    beforeImport = null;
    olderAnswers = null;
    for (const id of ["sa-undo-import", "sa-download-unreadable", "sa-reload"]) if (byId(id)) byId(id).hidden = true;
    clearForm(form);
    caseFile.setEvents([]);
    letters.reset();
    explain.reset();
    explain.saving(false);
    pendingLetters = null;
    touched.clear();
    showInlineErrors(form, []);
    showErrorSummary(summary, form, []);
    keepStatus.textContent = t("Your answers were deleted from this page and this browser.");
    update();
  });

  // 6. Two tabs agree: what one tab saves, the others show (and deleting in one stops saving in all).
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const other = store.read(event.key === null ? null : event.newValue);
    if (other.state === "empty") {
      if (saveBox.checked && !saveBlocked) {
        saveBox.checked = false;
        explain.saving(false);
        stored = null;
        unsaved = true;
        keepStatus.textContent = t(
          "Your saved answers were deleted in another tab. The answers on this page stay until you close it.",
        );
      }
    } else if (other.state === "newer") {
      saveBlocked = true;
      keepStatus.textContent = t(
        "Another tab saved your answers with a newer version of this page: reload the page to see them.",
      );
      keepButton("sa-reload", t("Reload this page"), () => window.location.reload());
    } else if (other.state === "ok") {
      const content = contentOf(other.answers, other.letters, other.events);
      if (content === stored) return;
      stored = content;
      saveBox.checked = true;
      const { answers } = readForm(form, localToday());
      if (contentOf(answers, lettersNow(), caseFile.events()) === content) return;
      olderAnswers = null;
      writeForm(form, other.answers);
      caseFile.setEvents(other.events);
      letters.reset();
      pendingLetters = Object.keys(other.letters).length ? other.letters : null;
      unsaved = false;
      keepStatus.textContent = t("Your answers were updated from another tab of this page.");
      update();
    }
  });

  // 7. Closing the page with answers that are neither saved nor downloaded: the browser asks first.
  window.addEventListener("beforeunload", (event) => {
    persist();
    if (!unsaved) return;
    const { answers } = readForm(form, localToday());
    if (!describeCurrent(answers, lettersNow(), caseFile.events())) return;
    event.preventDefault();
    event.returnValue = "";
  });
}

main();
