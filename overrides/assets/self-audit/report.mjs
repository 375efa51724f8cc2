// Show the engine's report. DOM APIs and textContent only: no string of the reader's ever becomes HTML.

import { el } from "./dom.mjs";
import { t } from "./strings.mjs";

// "See: <a>What to send with your appeal</a>": the link names the page it opens (titles come from the
// build, see data-link-titles), so a screen reader's list of links still makes sense.
function guideLink(link, { siteRoot, titles }, lead = t("See:")) {
  if (!link) return null;
  const title = titles.get(link.split("#")[0]) ?? t("the guide");
  return el(
    "span",
    { className: "sa-see" },
    `${lead} `,
    el("a", { href: new URL(link, siteRoot).href, className: "sa-more" }, title),
  );
}

function verdict(report) {
  const count = report.missing.length;
  if (report.ready) {
    return el(
      "div",
      { className: "sa-verdict sa-verdict--ready" },
      el("h3", { textContent: t("Ready to send") }),
      el("p", {
        textContent: count
          ? count === 1
            ? t("Nothing important is missing. 1 optional step could make it stronger.")
            : t("Nothing important is missing. {count} optional steps could make it stronger.", { count })
          : t("Nothing is missing. Send it in a way you can track, and keep a copy."),
      }),
    );
  }
  return el(
    "div",
    { className: "sa-verdict sa-verdict--not-ready" },
    el("h3", { textContent: t("Not ready yet") }),
    el("p", {
      textContent:
        count === 1
          ? t("1 thing to do. Start at the top of the list.")
          : t("{count} things to do. Start at the top of the list.", { count }),
    }),
  );
}

function blocking(report, links) {
  if (!report.blocking.length) return null;
  return el(
    "div",
    { className: "sa-blocking" },
    el("h3", { textContent: t("Before you send anything") }),
    el(
      "ul",
      {},
      ...report.blocking.map((b) => el("li", { "data-blocking": b.id }, b.message, " ", guideLink(b.link, links))),
    ),
  );
}

function expedited(report, links) {
  if (!report.expedited) return null;
  return el(
    "div",
    { className: "sa-expedited" },
    el("h3", { textContent: t("Ask for an expedited (fast) appeal") }),
    el(
      "p",
      {},
      t(
        "You said waiting could seriously harm your health. Ask for the urgent route: your doctor should tell the plan that waiting is dangerous.",
      ) + " ",
      guideLink("guides/expedited-appeals/", links, t("How to ask:")),
    ),
  );
}

// Progress, not a grade: how many of the key steps (must-do and important) are done.
function progress(report) {
  const key = report.items.filter((i) => i.status !== "not_applicable" && i.severity !== "helpful");
  const done = key.filter((i) => i.status === "done").length;
  return el(
    "div",
    { className: "sa-progress" },
    el("p", {
      id: "sa-progress-label",
      textContent: t("{done} of {total} key steps done (must-do and important)", { done, total: key.length }),
    }),
    el("progress", { max: String(key.length), value: String(done), "aria-labelledby": "sa-progress-label" }),
  );
}

function daysLeft(by) {
  if (by.status === "today") return t("today is the last day");
  if (by.status === "passed") return t("this date may have passed");
  return by.days_left === 1 ? t("1 day left") : t("{days} days left", { days: by.days_left });
}

function byWhen(appeal) {
  if (appeal.by?.date) return `${appeal.by.date_text} (${daysLeft(appeal.by)})`;
  if (appeal.deadline_text) return appeal.deadline_text;
  if (appeal.by) return t("Enter the date on your notice to see it.");
  return t("No filing date for this step.");
}

// "Your next step" comes first: what to do, by when, who decides, where it goes, which letter.
function appealBlock(report, links) {
  // the report's first block: what a screen reader hears first and what prints first
  const a = report.appeal;
  const soon = a.urgent_soon || a.by?.status === "passed" || a.by?.status === "today";
  const row = (term, ...value) => [el("dt", { textContent: term }), el("dd", {}, ...value)];
  // a button that opens the letter in its own view (letters.mjs); on paper, the letter's name
  const letter = a.letter
    ? el("button", { type: "button", className: "sa-link-button", "data-open-letter": "appeal" }, a.letter_title)
    : t("No letter is needed at this step.");
  return el(
    "section",
    { className: `sa-plan${soon ? " sa-plan--soon" : ""}`, "data-level": a.level, "aria-labelledby": "sa-plan-title" },
    el("h3", { id: "sa-plan-title", textContent: soon ? t("Do this first: your next step") : t("Your next step") }),
    el("p", { className: "sa-plan-action", textContent: a.action }),
    el(
      "dl",
      { className: "sa-plan-facts" },
      ...row(t("By when"), byWhen(a)),
      ...row(t("Who decides"), a.who_decides),
      ...row(t("Where it goes"), a.send_to),
      ...row(t("Your letter"), letter),
    ),
    el("p", {
      className: "sa-plan-steps",
      textContent: t("Step {n} of {total} for {plan}: {steps}.", {
        n: a.step,
        total: a.steps.length,
        plan: a.plan,
        steps: a.steps.join(t(", then ")),
      }),
    }),
    a.notes.length
      ? el("ul", { className: "sa-plan-notes" }, ...a.notes.map((n) => el("li", { textContent: n })))
      : null,
    a.link ? el("p", {}, guideLink(a.link, links)) : null,
    firstThings(report, links),
  );
}

// "Help in your state": only the checked facts the engine returns; gaps are named, never guessed.
function stateBlock(report) {
  const st = report.state;
  if (!st) return null;
  const lines = [el("p", { textContent: st.route.text })];
  if (st.state_deadline)
    lines.push(
      el("p", { textContent: st.state_deadline.text + (st.state_deadline.note ? ` ${st.state_deadline.note}` : "") }),
    );
  if (st.deadline_note) lines.push(el("p", { textContent: st.deadline_note }));
  const reg = st.route.id === "not_applicable" ? null : st.regulator;
  if (reg) {
    lines.push(
      el(
        "p",
        {},
        t("Who oversees insured plans: {name}.", { name: reg.name }),
        reg.phone ? ` ${t("Phone:")} ` : "",
        reg.phone ? el("a", { href: `tel:${reg.phone}` }, reg.phone) : "",
        reg.website ? ` ${t("Website:")} ` : "",
        reg.website ? el("a", { href: reg.website, rel: "noopener noreferrer" }, reg.website) : "",
      ),
    );
  }
  if (st.assistance) {
    const a = st.assistance;
    lines.push(
      el(
        "p",
        {},
        t("Free help: {name}.", { name: a.name }),
        a.phone ? ` ${t("Phone:")} ` : "",
        a.phone ? el("a", { href: `tel:${a.phone}` }, a.phone) : "",
      ),
    );
  }
  for (const law of st.prior_auth ?? []) lines.push(el("p", { textContent: law }));
  if (st.note) lines.push(el("p", { textContent: st.note }));
  if (st.gaps?.length)
    lines.push(
      el("p", {
        textContent: t(
          "Some facts for this state could not be confirmed, so we leave them out. Your denial letter and your state's official website have them.",
        ),
      }),
    );
  return el(
    "div",
    { className: "sa-state", "data-state": st.state },
    el("h3", { textContent: t("Help in {state}", { state: st.state_name }) }),
    ...lines,
  );
}

function findings(report) {
  if (!report.findings?.length) return null;
  return el(
    "div",
    { className: "sa-findings" },
    el("h3", { textContent: t("What we noticed") }),
    el(
      "ul",
      {},
      ...report.findings.map((f) =>
        el(
          "li",
          { "data-finding": f.id },
          el("strong", { textContent: f.title }),
          ". ",
          f.message,
          f.what_to_do
            ? el("p", { className: "sa-fix", textContent: t("What you can do: {text}", { text: f.what_to_do }) })
            : null,
        ),
      ),
    ),
  );
}

function warnings(report) {
  if (!report.warnings.length) return null;
  return el("ul", { className: "sa-warnings" }, ...report.warnings.map((w) => el("li", { textContent: w })));
}

const FIRST_SHOWN = 5; // the rest of the list waits behind "Show more": one thing at a time

function missingItem(item, links) {
  return el(
    "li",
    { "data-item": item.id, "data-severity": item.severity },
    el("span", { className: "sa-missing-title", textContent: item.title }),
    " ",
    el("span", { className: `sa-severity sa-severity--${item.severity}`, textContent: item.severity_label }),
    el("p", { className: "sa-why", textContent: item.why }),
    el("p", { className: "sa-fix" }, item.fix, " ", guideLink(item.link, links)),
  );
}

const FIRST_THINGS = 3; // the most important things to do, inside "Your next step"

function missingItems(report, links) {
  const byId = new Map(report.items.map((i) => [i.id, i]));
  return report.missing.map((id) => missingItem(byId.get(id), links));
}

function firstThings(report, links) {
  if (!report.missing.length) return null;
  return el(
    "div",
    { className: "sa-first" },
    el("h4", { textContent: t("Do these first") }),
    el("ol", { className: "sa-missing" }, ...missingItems(report, links).slice(0, FIRST_THINGS)),
  );
}

// Everything after the first things: the next few shown, the rest behind "Show more".
function missing(report, links, open) {
  const items = missingItems(report, links).slice(FIRST_THINGS);
  if (!items.length) return null;
  const block = el(
    "div",
    { className: "sa-missing-block" },
    el("h3", { textContent: t("Everything else still to do, most important first") }),
    el("ol", { className: "sa-missing", start: String(FIRST_THINGS + 1) }, ...items.slice(0, FIRST_SHOWN)),
  );
  if (items.length > FIRST_SHOWN) {
    const rest = items.length - FIRST_SHOWN;
    const details = el(
      "details",
      { className: "sa-more-missing" },
      el("summary", {
        textContent: rest === 1 ? t("Show 1 more thing to do") : t("Show {count} more things to do", { count: rest }),
      }),
      el("ol", { className: "sa-missing", start: String(FIRST_THINGS + FIRST_SHOWN + 1) }, ...items.slice(FIRST_SHOWN)),
    );
    details.open = open;
    block.append(details);
  }
  return block;
}

function deadlineWhen(d) {
  if (!d.date) return t("Date depends on when it is received");
  const date = d.date_text;
  if (d.status === "passed") return t("By {date}: this date has passed", { date });
  if (d.status === "today") return t("By {date}: that is today", { date });
  if (typeof d.days_left === "number")
    return d.days_left === 1
      ? t("By {date} (1 day from today)", { date })
      : t("By {date} ({days} days from today)", { date, days: d.days_left });
  return t("By {date}", { date });
}

function deadlines(report) {
  const items = report.deadlines;
  const block = el(
    "div",
    { className: "sa-deadlines", id: "sa-deadlines" },
    el("h3", { textContent: t("Your deadlines") }),
  );
  if (!items.length) {
    block.append(
      el("p", {
        textContent: t(
          "Answer the questions about your plan and enter the date on your denial notice to see your deadlines.",
        ),
      }),
    );
    return block;
  }
  block.append(
    el(
      "ul",
      { className: "sa-deadline-list" },
      ...items.map((d) =>
        el(
          "li",
          { "data-deadline": d.id, "data-status": d.status, "data-kind": d.kind },
          el("span", { className: "sa-deadline-label", textContent: d.label }),
          el("span", { className: "sa-deadline-date", textContent: ` ${deadlineWhen(d)}` }),
          el("p", { className: "sa-deadline-basis", textContent: d.basis }),
          d.note ? el("p", { className: "sa-deadline-note", textContent: d.note }) : null,
          el("p", { className: "sa-citation", textContent: t("Source: {citation}", { citation: d.citation }) }),
        ),
      ),
    ),
  );
  block.append(el("p", { className: "sa-check-notice", textContent: report.check_notice }));
  if (items.some((d) => d.date)) {
    block.append(
      el(
        "div",
        { className: "sa-buttons" },
        el(
          "button",
          { type: "button", className: "md-button", "data-action": "ics" },
          t("Add these dates to my calendar (.ics)"),
        ),
      ),
    );
  }
  return block;
}

// On paper the plan carries no letter bodies: one line names the letters to print on their own.
function lettersToPrint(report) {
  const titles = [
    ...new Set([...(report.letters ?? []).map((l) => l.title), t("Your request to your doctor's office")]),
  ];
  return el(
    "p",
    { className: "sa-print-only sa-print-letters" },
    el("strong", { textContent: t("Your letters print separately.") + " " }),
    t('Open each one under "Your letters" on the page and choose "Print this letter": {titles}.', {
      titles: titles.join("; "),
    }),
  );
}

function enclosures(report) {
  if (!report.enclosures?.length) return null;
  return el(
    "div",
    { className: "sa-enclosures" },
    el("h3", { textContent: t("What you are enclosing so far") }),
    el("ol", {}, ...report.enclosures.map((e) => el("li", { textContent: e }))),
  );
}

// Before the first answer the report is a short pointer to the questions, not a long list of
// everything still to do (on a phone that list was several screens above the first question).
function notStarted() {
  return el(
    "div",
    { className: "sa-start" },
    el("h3", { textContent: t("Start with the questions below") }),
    el("p", {
      textContent: t(
        "As you answer, this report shows what is missing (most important first), your deadlines, and what to do next. Your letters are drafted below the questions.",
      ),
    }),
    el("p", {}, el("a", { href: "#sa-form", className: "sa-start-link" }, t("Go to the first question"))),
  );
}

// At the end of the questions, one line with the next step, so a reader on a phone sees it without
// scrolling back up to the report.
function nextInline(report, started) {
  const line = document.getElementById("sa-next-inline");
  if (!line) return;
  line.hidden = !started;
  if (started) {
    line.replaceChildren(
      el("strong", { textContent: t("Your next step:") + " " }),
      report.appeal.action,
      " ",
      el("a", { href: "#sa-report-title" }, t("See your whole plan")),
    );
  }
}

export function renderReport(container, report, links, { started = true } = {}) {
  container.hidden = false;
  nextInline(report, started);
  if (!started) {
    container.replaceChildren(notStarted());
    return;
  }
  // a list the reader opened stays open when the report updates
  const open = Boolean(container.querySelector("details.sa-more-missing")?.open);
  container.replaceChildren(
    ...[
      el("p", {
        className: "sa-print-only sa-print-title",
        textContent: t("Your appeal plan, as of {date}", { date: report.today_text }),
      }),
      appealBlock(report, links),
      blocking(report, links),
      findings(report),
      stateBlock(report),
      verdict(report),
      expedited(report, links),
      progress(report),
      warnings(report),
      missing(report, links, open),
      deadlines(report),
      enclosures(report),
      lettersToPrint(report),
      el(
        "div",
        { className: "sa-buttons sa-no-print" },
        el(
          "button",
          { type: "button", className: "md-button", "data-action": "print-summary" },
          t("Print my appeal plan"),
        ),
      ),
    ].filter(Boolean),
  );
}

// The static checklist and the form follow the report: ticks on items, questions that do not apply hidden.
export function applyReport(report, { itemsRoot, form }) {
  for (const item of report.items) {
    const node = itemsRoot.querySelector(`[data-item="${CSS.escape(item.id)}"]`);
    if (!node) continue;
    node.dataset.status = item.status;
    const text = node.querySelector(".sa-item-status");
    if (text)
      text.textContent = item.status === "done" ? t("Done:") + " " : item.status === "missing" ? t("To do:") + " " : "";
  }
  showQuestions(form, { questions: new Set(report.visible_questions), options: report.visible_options ?? {} });
}

// An option with its own condition (a warning sign of one body area) is shown only when the report
// offers it. A ticked option that is hidden stays ticked; the engine does not count it.
function showOption(block, offered, focusInForm) {
  for (const input of block.querySelectorAll("input")) {
    const row = input.closest(".sa-option");
    if (!row) continue;
    if (!offered || offered.includes(input.value)) row.hidden = false;
    else if (!focusInForm) row.hidden = true;
  }
}

// Questions that now apply appear at once; questions that no longer apply are hidden only when the
// reader's focus leaves the form, so nothing disappears under someone who is answering.
const pendingHide = new WeakMap(); // form -> the latest visible set, waiting for focus to leave

function showQuestions(form, visible) {
  const focusInForm = form.contains(document.activeElement) && document.activeElement !== form;
  for (const block of form.querySelectorAll(".sa-question")) {
    if (visible.questions.has(block.dataset.question)) block.hidden = false;
    else if (!focusInForm) block.hidden = true;
    if (block.dataset.question in visible.options) {
      showOption(block, visible.options[block.dataset.question], focusInForm);
    }
  }
  if (!focusInForm) {
    pendingHide.delete(form);
    return;
  }
  if (!pendingHide.has(form)) {
    form.addEventListener("focusout", function later(event) {
      if (form.contains(event.relatedTarget)) return; // focus moved to another field: keep waiting
      form.removeEventListener("focusout", later);
      const latest = pendingHide.get(form);
      pendingHide.delete(form);
      if (latest) showQuestions(form, latest);
    });
  }
  pendingHide.set(form, visible);
}

// One calm sentence for screen readers, only when the verdict or the count changes.
export function summarySentence(report) {
  const count = report.missing.length;
  if (report.ready) {
    if (!count) return t("Report updated: ready to send.");
    return count === 1
      ? t("Report updated: ready to send, 1 optional step left.")
      : t("Report updated: ready to send, {count} optional steps left.", { count });
  }
  return count === 1
    ? t("Report updated: not ready yet, 1 thing to do.")
    : t("Report updated: not ready yet, {count} things to do.", { count });
}
