// "Calls to make": the engine's call scripts for this reader (op "scripts"), each expandable and
// printable alone, and the peer-to-peer sheet for the doctor (op "p2p_sheet"), printable alone.
// DOM APIs and textContent only: no string of the reader's or the engine's ever becomes HTML.
//
// "I made this call" hands the script's log entry to `addEvent` ({type: "call", who, said}), the
// appeal file's function; without one the button is not shown.

import { el } from "./dom.mjs";
import { pageLang, t } from "./strings.mjs";

// Print one part (a script, or the sheet) alone; the print stylesheet hides the rest. Its closed
// <details> is opened for the print and closed again after.
function printAlone(target) {
  const details = target.querySelector("details");
  const wasOpen = details?.open;
  if (details) details.open = true;
  target.classList.add("sa-print-target");
  document.body.classList.add("sa-printing-call");
  const done = () => {
    target.classList.remove("sa-print-target");
    document.body.classList.remove("sa-printing-call");
    if (details) details.open = wasOpen;
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}

function fillIn(value, where) {
  return value
    ? el("span", { className: "sa-have-value", textContent: value })
    : el("span", {
        className: "sa-fill-in",
        textContent: where ? `${t("Not entered yet.")} ${where}` : t("Not entered yet."),
      });
}

function scriptItem(script, open, hasLog) {
  const body = el(
    "div",
    { className: "sa-call-body" },
    el(
      "p",
      { className: "sa-call-who" },
      el("strong", { textContent: t("Who to call:") + " " }),
      `${script.call}. ${script.number}`,
    ),
    el("h3", { textContent: t("Have at hand") }),
    el(
      "ul",
      { className: "sa-have" },
      ...script.have.map((h) =>
        el(
          "li",
          { "data-have": h.id },
          el("span", { className: "sa-have-label", textContent: `${h.label}: ` }),
          fillIn(h.value, h.where),
        ),
      ),
      ...script.have_also.map((text) => el("li", { textContent: text })),
    ),
    el("h3", { textContent: t("What to say and ask") }),
    el("ol", { className: "sa-say" }, ...script.say.map((line) => el("li", { textContent: line }))),
    el("h3", { textContent: t("Write down") }),
    el("ul", { className: "sa-write-down" }, ...script.write_down.map((line) => el("li", { textContent: line }))),
    ...script.basis.map((line) =>
      el("p", { className: "sa-call-basis", textContent: t("Why you can ask: {text}", { text: line }) }),
    ),
    script.note ? el("p", { className: "sa-call-note", textContent: script.note }) : null,
  );
  const details = el("details", { className: "sa-call-details" }, el("summary", { textContent: script.title }), body);
  details.open = open;
  const buttons = el(
    "div",
    { className: "sa-buttons" },
    el("button", {
      type: "button",
      className: "md-button",
      "data-action": "print-script",
      textContent: t("Print this script"),
    }),
  );
  if (hasLog) {
    buttons.append(
      el("button", {
        type: "button",
        className: "md-button",
        "data-action": "made-call",
        textContent: t("I made this call"),
      }),
    );
  }
  const item = el(
    "li",
    { className: "sa-call", "data-script": script.id },
    details,
    buttons,
    el("p", { className: "sa-note", role: "status" }),
  );
  item.script = script;
  return item;
}

function fact(list, label, value) {
  list.append(el("dt", { textContent: label }), el("dd", {}, fillIn(value)));
}

// The sheet itself is for the doctor, who talks to the plan in English: it is English on every page
// (lang="en"), like the letters; the page around it speaks the reader's language.
function deadlineLine(deadline) {
  if (!deadline) return null;
  const left = deadline.passed
    ? "This date has passed. Ask the plan if a call is still possible; if not, send the written appeal."
    : deadline.days_left === 0
      ? "That is today."
      : deadline.days_left === 1
        ? "1 day left."
        : `${deadline.days_left} days left.`;
  return el(
    "p",
    { className: "sa-sheet-deadline" },
    el("strong", { textContent: `Last date for the call, from the notice: ${deadline.long}. ` }),
    left,
  );
}

function sheetBody(sheet) {
  const facts = el("dl", { className: "sa-sheet-facts" });
  fact(facts, "For", sheet.for);
  fact(facts, "Patient", sheet.patient);
  fact(facts, "Plan", sheet.plan);
  fact(facts, sheet.member_label, sheet.member_id);
  fact(facts, "Claim or reference number", sheet.claim_number);
  fact(facts, "Scan", sheet.scan);
  fact(facts, "Denial letter dated", sheet.denial_date);
  fact(facts, "Reason given", sheet.reason);
  fact(facts, "Symptoms", sheet.symptoms);
  fact(facts, "Treatment tried", sheet.treatment);
  fact(facts, "Warning signs", sheet.warning_signs.join("; ") || null);
  fact(facts, "Earlier imaging", sheet.prior_imaging);
  const parts = [
    el("p", { className: "sa-sheet-title", textContent: sheet.title }),
    deadlineLine(sheet.deadline),
    facts,
  ];
  if (sheet.criteria.length) {
    parts.push(
      el("h4", { textContent: "What the criteria for this scan usually say" }),
      el(
        "ul",
        { className: "sa-sheet-criteria" },
        ...sheet.criteria.map((c) =>
          el(
            "li",
            {},
            `${c.text} `,
            el("span", { className: "sa-citation", textContent: `(${c.sources.join("; ")})` }),
          ),
        ),
      ),
    );
  }
  parts.push(
    el("h4", { textContent: "Points the reviewer must hear" }),
    el("ul", { className: "sa-sheet-points" }, ...sheet.points.map((p) => el("li", { textContent: p }))),
    el("p", { className: "sa-sheet-note", textContent: sheet.note }),
  );
  return el("div", { className: "sa-sheet", lang: "en" }, ...parts);
}

function sheetBlock(sheet, open) {
  const details = el(
    "details",
    { className: "sa-call-details" },
    el("summary", { textContent: t("See the sheet") }),
    pageLang() === "en"
      ? null
      : el("p", { className: "sa-note", textContent: t("The sheet is for your doctor, so it is in English.") }),
    sheetBody(sheet),
  );
  details.open = open;
  return el(
    "div",
    { className: "sa-p2p", id: "sa-p2p" },
    el("h3", { textContent: t("A sheet for your doctor's peer-to-peer call") }),
    el("p", {
      className: "sa-p2p-intro",
      textContent: t(
        "Your doctor has only a few minutes on the call. This one page puts your facts in one place. Print it and give it to the office.",
      ),
    }),
    details,
    el(
      "div",
      { className: "sa-buttons" },
      el("button", {
        type: "button",
        className: "md-button",
        "data-action": "print-sheet",
        textContent: t("Print the sheet for your doctor"),
      }),
    ),
  );
}

// Mount the section after `anchor` (the live report). `call(op, payload)` asks the engine.
export function createCalls(anchor, { call, addEvent = null }) {
  const list = el("ul", { className: "sa-call-list", id: "sa-call-list" });
  const holder = el("div", { className: "sa-p2p-holder" });
  const section = el(
    "section",
    { className: "sa-calls", id: "sa-calls", "aria-labelledby": "sa-calls-title", hidden: true },
    el("h2", { id: "sa-calls-title", textContent: t("Calls to make") }),
    el("p", {
      className: "sa-calls-intro",
      textContent: t(
        "Short scripts for the calls that matter. Open one, have the things it lists at hand, and read the lines. Write down what you hear.",
      ),
    }),
    list,
    holder,
  );
  anchor.after(section);
  const openScripts = new Set();
  let ticket = 0;
  let shown = "";

  section.addEventListener(
    "toggle",
    (event) => {
      const item = event.target.closest?.(".sa-call");
      if (!item) return;
      if (event.target.open) openScripts.add(item.dataset.script);
      else openScripts.delete(item.dataset.script);
    },
    true,
  );
  section.addEventListener("click", (event) => {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "print-sheet") printAlone(section.querySelector(".sa-p2p"));
    const item = button.closest(".sa-call");
    if (!item) return;
    if (action === "print-script") printAlone(item);
    if (action === "made-call" && addEvent) {
      const opened = addEvent({ ...item.script.log, type: "call" });
      item.querySelector(".sa-note").textContent = opened
        ? t(
            "Your appeal file's form is open, filled in for this call ({call}). Add the date and what they said and promised, then save it.",
            { call: item.script.call },
          )
        : t("Your appeal file is not ready yet. Try again in a moment.");
    }
  });

  function render(found, sheet) {
    const key = JSON.stringify([found, sheet]);
    if (key === shown) return;
    shown = key;
    const sheetOpen = holder.querySelector("details")?.open ?? false;
    list.replaceChildren(...found.map((s) => scriptItem(s, openScripts.has(s.id), typeof addEvent === "function")));
    holder.replaceChildren(...(sheet.applies ? [sheetBlock(sheet, sheetOpen)] : []));
    section.hidden = !found.length && !sheet.applies;
  }

  return {
    section,
    // After each answer: the scripts and the sheet for these answers (hidden before any answer).
    async update(answers, today, started = true) {
      const mine = ++ticket;
      if (!started) {
        section.hidden = true;
        return;
      }
      const [found, sheet] = await Promise.all([
        call("scripts", { answers, today }),
        call("p2p_sheet", { answers, today }),
      ]);
      if (mine !== ticket) return; // newer answers are on their way
      render(found, sheet);
    },
    hide() {
      ticket++;
      section.hidden = true;
    },
  };
}
