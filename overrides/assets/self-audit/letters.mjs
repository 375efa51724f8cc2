// The letters: filled in by the engine, listed under "Your letters" (the ones that fit the reader's
// appeal level, one button each), and opened one at a time in their own view (letter-view.mjs).
// Once the reader edits a letter it stops following the answers (their words are never
// overwritten) until they ask to rebuild it. Edits are kept here, so they survive closing and
// reopening the view, and are saved with the answers when the reader chose to save.
//
// Keys: "appeal" is the letter of the reader's current level, "doctor" the request to the doctor's
// office, and a request letter goes by its engine kind ("request_criteria", ...).

import { el } from "./dom.mjs";
import { createLetterView } from "./letter-view.mjs";
import { t } from "./strings.mjs";

const FILE_NAMES = { appeal: "appeal-letter", doctor: "request-to-doctor" };
const HINTS = {
  appeal: () => t("The letter for your next step, drafted from your answers."),
  doctor: () => t("Give this to your doctor's office. It asks for a letter of medical necessity."),
  request_criteria: () => t("Asks for the exact reason for the denial and the rules used to decide it."),
  request_claim_file: () => t("Asks for a copy of the papers the decision was based on."),
  request_new_authorization: () => t("Asks to move the approval to another imaging center, or to extend it."),
};

// The letters that fit this report: the level's own letter (or one line saying there is none),
// the request letters the engine offers for this level, and the request to the doctor.
export function offeredLetters(report) {
  const own = report.appeal.letter;
  const list = own ? [{ kind: "appeal", title: report.appeal.letter_title }] : [];
  for (const entry of report.letters ?? []) {
    if (entry.kind !== own) list.push({ kind: entry.kind, title: entry.title });
  }
  list.push({ kind: "doctor", title: t("Your request to your doctor's office") });
  return list.map((entry) => ({ ...entry, hint: (HINTS[entry.kind] ?? HINTS.appeal)() }));
}

export function createLetters(section, { onChange }) {
  const root = section.closest("#self-audit") ?? document;
  const list = section.querySelector("#sa-letter-list");
  const view = createLetterView(root.querySelector("#sa-letter-view"), root.querySelector("#sa-letter-print"));
  const generated = new Map(); // kind -> the engine's text
  const edits = new Map(); // kind -> the reader's text
  const reading = new Map(); // kind -> the same letter in the page's language, to read (not English pages)
  let offered = []; // [{kind, title, hint}]
  let noLetter = false;
  let shown = "";

  function text(kind) {
    return edits.get(kind) ?? generated.get(kind) ?? "";
  }

  function letter(entry) {
    return {
      ...entry,
      fileName: FILE_NAMES[entry.kind] ?? entry.kind.replace(/_/g, "-"),
      text: () => text(entry.kind),
      generated: () => generated.get(entry.kind) ?? "",
      reading: () => reading.get(entry.kind) ?? "",
      edit(value) {
        if (value === (generated.get(entry.kind) ?? "")) edits.delete(entry.kind);
        else edits.set(entry.kind, value);
        onChange();
      },
    };
  }

  function open(kind, from) {
    const entry = offered.find((e) => e.kind === kind);
    if (entry) view.open(letter(entry), from);
  }

  function draw() {
    const key = JSON.stringify([noLetter, offered]);
    if (key === shown) return; // nothing changed: the buttons (and the focus on one) stay
    shown = key;
    const focused = list.contains(document.activeElement) ? document.activeElement.dataset.openLetter : null;
    list.replaceChildren(
      noLetter
        ? el("p", {
            className: "sa-no-letter",
            textContent: t("No letter is needed at this step. Your next step above says what happens now."),
          })
        : "",
      el(
        "ul",
        { className: "sa-letter-list" },
        ...offered.map((entry) => {
          const button = el("button", { type: "button", className: "md-button", textContent: entry.title });
          button.dataset.openLetter = entry.kind;
          button.setAttribute("aria-describedby", `sa-letter-hint-${entry.kind}`);
          return el(
            "li",
            {},
            button,
            el("p", { className: "sa-hint", id: `sa-letter-hint-${entry.kind}`, textContent: entry.hint }),
          );
        }),
      ),
    );
    if (focused) list.querySelector(`[data-open-letter="${CSS.escape(focused)}"]`)?.focus();
  }

  // Any button in the self-audit with data-open-letter opens that letter (the list, the plan block).
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-open-letter]");
    if (button && !button.closest("dialog")) open(button.dataset.openLetter, button);
  });

  return {
    get kinds() {
      return offered.map((e) => e.kind);
    },
    update(kind, value) {
      generated.set(kind, value);
      if (edits.get(kind) === value) edits.delete(kind);
      view.refresh(kind);
    },
    // The letters in the page's language, to read beside the English (the engine's "reading":
    // {letter, doctor_letter, requests}); absent on an English page.
    read(texts) {
      reading.clear();
      if (!texts) return;
      reading.set("appeal", texts.letter ?? "");
      reading.set("doctor", texts.doctor_letter ?? "");
      for (const [kind, value] of Object.entries(texts.requests ?? {})) reading.set(kind, value);
      for (const kind of reading.keys()) view.refresh(kind);
    },
    // The report decides which letters are offered; requests: {kind: text} of the request letters.
    offer(report, requests = {}) {
      for (const [kind, value] of Object.entries(requests)) this.update(kind, value);
      offered = offeredLetters(report);
      noLetter = !report.appeal.letter;
      if (view.kind && !offered.some((e) => e.kind === view.kind)) view.close();
      draw();
    },
    open,
    // Edited letters only: a letter that follows the answers is rebuilt from them.
    saved: () => Object.fromEntries(edits),
    restore(saved) {
      for (const [kind, value] of Object.entries(saved ?? {})) {
        if (typeof value !== "string") continue;
        if (value === generated.get(kind)) edits.delete(kind);
        else edits.set(kind, value);
        view.refresh(kind);
      }
    },
    reset() {
      view.close();
      generated.clear();
      edits.clear();
      reading.clear();
    },
  };
}
