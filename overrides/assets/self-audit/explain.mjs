// "Start from your denial letter": the reader pastes the letter's text (or opens a PDF or a photo,
// explain-pdf.mjs and explain-ocr.mjs, loaded only when used); the engine's extractor (bridge op
// "explain") finds what the letter says, and this panel shows each finding in plain words with the
// line it came from, the matched words in <mark>. Nothing is filled in until the reader says so:
// "Use this" fills that one question (through the page's fill function, as the reader's own edit
// would), "Not right" fills nothing (and, for a question with options, offers the others), and "Use
// all" fills only what its own list names. Every reader string becomes text, never HTML.
//
// The letter's text stays in this page. It is written to this browser's storage only while the
// reader has "Save my answers" ticked (own key, LETTER_KEY), and deleted with the rest.
import { locale, t } from "./strings.mjs";

import { el } from "./dom.mjs";

export const LETTER_KEY = "second-look:denial-letter";

const SURE = {
  high: () => "",
  medium: () => t("Probably right: check it against your letter."),
  low: () => t("Not sure: check this one against your letter."),
};

// What an informational finding (not a question) means, in plain words.
const INFO = {
  stated_deadline: () => t("The deadline your letter gives to appeal"),
  reviewer: () => t("Who reviewed the request for your plan"),
  guideline: () => t("The rules (criteria) the letter names"),
  cpt: () => t("Procedure code"),
  weeks_required: () => t("Weeks of other treatment the rules ask for"),
  appeal_address: () => t("Where to send your appeal"),
  fax: () => t("Fax number"),
  service_date: () => t("Date of the scan or service"),
};

export function longDate(iso) {
  if (typeof iso !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return String(iso);
  const date = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(), { timeZone: "UTC", month: "long", day: "numeric", year: "numeric" }).format(
    date,
  );
}

// The finding's line, with the words it came from marked (text nodes and a <mark> only).
export function quoteLine(finding) {
  const line = String(finding.line ?? "");
  const from = Math.max(0, Math.min(line.length, finding.start - (finding.line_start ?? finding.start)));
  const to = Math.max(from, Math.min(line.length, from + (finding.end - finding.start)));
  const quote = el("blockquote", { className: "sa-explain-quote" });
  const lines = (text) => text.replace(/[ \t]+/g, " ");
  quote.append(
    lines(line.slice(0, from)),
    el("mark", { textContent: lines(line.slice(from, to)) }),
    lines(line.slice(to)),
  );
  return quote;
}

// One finding in plain words: {what, value} (value as the reader sees it).
export function describe(finding, info) {
  const value = finding.value;
  if (info) {
    if (info.type === "date") return { what: info.label, value: longDate(value) };
    const option = info.options.find((o) => o.value === value);
    return { what: info.label, value: option ? option.label : String(value) };
  }
  const what = INFO[finding.field]?.() ?? finding.field;
  if (finding.field === "cpt")
    return { what, value: finding.description ? `${value} (${finding.description})` : String(value) };
  if (finding.field === "stated_deadline") {
    if (!finding.iso) return { what, value: `"${value}"` };
    if (finding.iso && finding.amount == null) return { what, value: longDate(finding.iso) };
    return { what, value: `"${value}": ${longDate(finding.iso)}` };
  }
  if (finding.field === "service_date") return { what, value: longDate(value) };
  return { what, value: String(value) };
}

// Why a stated deadline has (or has no) date, in plain words.
function deadlineNote(finding) {
  if (finding.amount == null) return null;
  if (!finding.iso) {
    return finding.day_kind === "business"
      ? t("Business days skip weekends and holidays: count them on a calendar, or call your plan.")
      : t(
          "We could not find the letter's date, so we cannot count the days. Count them from the date printed on your letter.",
        );
  }
  const date = longDate(finding.from_date);
  return finding.counts_from === "receipt"
    ? t(
        "This is counted from the date on the letter, {date}. Your letter counts from the day you got it, so you may have a few more days: this date is the safe one.",
        { date },
      )
    : t("This is counted from the date on the letter, {date}.", { date });
}

// The letter-reading tools the build published (folders and sizes), or null.
function readerTools() {
  try {
    return JSON.parse(document.querySelector('meta[name="second-look:reader-tools"]')?.content ?? "null");
  } catch {
    return null;
  }
}

function siteRoot() {
  const root = document.getElementById("self-audit")?.dataset.siteRoot ?? "../";
  return new URL(root.replace(/\/?$/, "/"), document.baseURI);
}

// The confirmed stated deadline, from saved state (or null).
function validDeadline(value) {
  return value && typeof value.date === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.date)
    ? { date: value.date, as_written: String(value.as_written ?? "").slice(0, 200) }
    : null;
}

// Mount the panel before `before` (the form). engine: {call(op, payload)}; fill(id, value) -> bool fills one question as the reader's
// edit does; onDeadline() is called when the confirmed letter deadline changes (the report updates).
export function mountExplain({
  before,
  engine,
  fill,
  questionInfo,
  onDeadline = () => {},
  storage = globalThis.localStorage,
}) {
  let deadline = null; // {date, as_written}: the letter's own deadline, once the reader confirmed it
  let saving = false;
  let lastText = "";

  const status = el("p", { className: "sa-note", id: "sa-explain-status", role: "status" });
  const textarea = el("textarea", {
    id: "sa-explain-text",
    className: "sa-input sa-explain-text",
    rows: 8,
    autocomplete: "off",
    spellcheck: "false",
    "aria-describedby": "sa-explain-privacy",
  });
  const readButton = el(
    "button",
    { type: "button", className: "md-button md-button--primary", id: "sa-explain-read" },
    t("Read my letter"),
  );
  const results = el("div", { id: "sa-explain-results", className: "sa-explain-results", hidden: true });
  const sources = el("div", { className: "sa-buttons sa-explain-sources", id: "sa-explain-sources" });
  const details = el(
    "details",
    { className: "sa-explain", id: "sa-explain" },
    el("summary", { id: "sa-explain-title" }, t("Start from your denial letter (optional)")),
    el(
      "p",
      { id: "sa-explain-privacy" },
      t(
        "We read your letter on this device and show what it says. Nothing is sent anywhere. You check each thing we find before it fills in an answer.",
      ),
    ),
    el("label", { for: "sa-explain-text", className: "sa-label" }, t("Paste the text of your denial letter")),
    textarea,
    el("div", { className: "sa-buttons" }, readButton),
    sources,
    status,
    results,
  );
  const section = el(
    "section",
    { className: "sa-explain-panel sa-no-print", "aria-labelledby": "sa-explain-title" },
    details,
  );
  const slot = document.getElementById("start-from-letter"); // the build's spot for the panel, if any
  if (slot) slot.append(section);
  else before.before(section);

  // --- keeping the letter (only while saving is on) ---------------------------------------------
  function save() {
    if (!saving) return;
    try {
      const text = textarea.value;
      if (!text && !deadline) storage.removeItem(LETTER_KEY);
      else storage.setItem(LETTER_KEY, JSON.stringify({ text, deadline }));
    } catch {
      /* storage full or off: the letter stays on this page */
    }
  }
  function forget() {
    try {
      storage.removeItem(LETTER_KEY);
    } catch {
      /* nothing to delete */
    }
  }
  try {
    const kept = JSON.parse(storage.getItem(LETTER_KEY) ?? "null");
    if (kept && typeof kept.text === "string") {
      textarea.value = kept.text;
      deadline = validDeadline(kept.deadline);
    }
  } catch {
    /* unreadable: ignored, and replaced at the next save */
  }
  textarea.addEventListener("input", save);

  // --- the findings ------------------------------------------------------------------------------
  function setDeadline(value) {
    deadline = value;
    save();
    onDeadline();
  }

  function confirmRow(finding, info, row) {
    const done = el("p", { className: "sa-explain-done", role: "status" });
    const buttons = el("div", { className: "sa-buttons" });
    const use = (value, words) => {
      if (finding.field === "stated_deadline") {
        setDeadline({ date: finding.iso, as_written: String(finding.value).slice(0, 200) });
        done.textContent = t("Used: your report shows this date beside the one we work out.");
      } else if (fill(finding.field, value)) {
        done.textContent = t('Filled in: "{question}": {answer}.', { question: info.label, answer: words });
      } else {
        done.textContent = t("This answer could not be filled in. Answer the question yourself below.");
        return;
      }
      row.dataset.state = "used";
    };
    const description = describe(finding, info);
    buttons.append(
      el(
        "button",
        { type: "button", className: "md-button sa-explain-use", onclick: () => use(finding.value, description.value) },
        t("Use this"),
      ),
      el(
        "button",
        {
          type: "button",
          className: "md-button sa-explain-wrong",
          onclick: () => {
            row.dataset.state = "rejected";
            done.textContent = t("Not used. Nothing was filled in from this line.");
            if (info?.options.length && !row.querySelector("select")) {
              row.append(otherChoice(finding, info, use));
              row.querySelector("select").focus();
            }
          },
        },
        t("Not right"),
      ),
    );
    return [buttons, done];
  }

  // For a question with options: the reader picks the right one instead.
  function otherChoice(finding, info, use) {
    const id = `sa-explain-pick-${finding.field}-${finding.start}`;
    const select = el(
      "select",
      { id, className: "sa-input" },
      el("option", { value: "" }, t("Choose one")),
      ...info.options.map((o) => el("option", { value: o.value }, o.label)),
    );
    return el(
      "div",
      { className: "sa-explain-other" },
      el("label", { for: id }, t("Pick the right answer instead (optional):")),
      select,
      el(
        "button",
        {
          type: "button",
          className: "md-button",
          onclick: () => {
            const option = info.options.find((o) => o.value === select.value);
            if (option) use(option.value, option.label);
          },
        },
        t("Use my choice"),
      ),
    );
  }

  function findingRow(finding) {
    const info = finding.question ? questionInfo(finding.field) : null;
    const { what, value } = describe(finding, info);
    const row = el(
      "li",
      { className: "sa-explain-finding", "data-field": finding.field, "data-confidence": finding.confidence },
      el("p", { className: "sa-explain-what" }, el("strong", { textContent: `${what}: ` }), value),
    );
    const sure = SURE[finding.confidence]?.();
    if (sure) row.append(el("p", { className: "sa-hint", textContent: sure }));
    if (finding.field === "stated_deadline") {
      const note = deadlineNote(finding);
      if (note) row.append(el("p", { className: "sa-hint", textContent: note }));
    }
    row.append(
      el("p", {
        className: "sa-explain-from",
        textContent: t("From line {n} of your letter:", { n: finding.line_number }),
      }),
      quoteLine(finding),
    );
    const usable = info ? info.type !== "multi" : finding.field === "stated_deadline" && Boolean(finding.iso);
    if (usable) row.append(...confirmRow(finding, info, row));
    return { row, info, usable };
  }

  // "Use all": the surest finding of each question, listed before the button fills anything.
  function useAll(rows) {
    const chosen = new Map();
    for (const r of rows) {
      if (r.info && r.usable && r.finding.confidence !== "low" && !chosen.has(r.finding.field))
        chosen.set(r.finding.field, r);
    }
    if (chosen.size < 2) return null;
    const list = el(
      "ul",
      { id: "sa-explain-all-list" },
      ...[...chosen.values()].map((r) => {
        const d = describe(r.finding, r.info);
        return el("li", {}, `${d.what}: ${d.value}`);
      }),
    );
    const button = el(
      "button",
      {
        type: "button",
        className: "md-button",
        id: "sa-explain-use-all",
        "aria-describedby": "sa-explain-all-title",
        onclick: () => {
          for (const r of chosen.values()) r.row.querySelector(".sa-explain-use")?.click();
          status.textContent = t("Filled in {n} answers. Check them in the questions below.", { n: chosen.size });
        },
      },
      t("Use all {n} of these", { n: chosen.size }),
    );
    return el(
      "div",
      { className: "sa-explain-all" },
      el("p", {
        id: "sa-explain-all-title",
        textContent: t("Or fill in these answers in one go (the surest finding for each question):"),
      }),
      list,
      el("div", { className: "sa-buttons" }, button),
    );
  }

  function show(result, source) {
    const rows = result.findings.map((finding) => ({ finding, ...findingRow(finding) }));
    const useful = rows.some((r) => r.info || r.finding.field === "stated_deadline");
    const reason = result.missing.find((m) => m.field === "denial_reason");
    const parts = [
      el("h3", { id: "sa-explain-results-title", tabindex: "-1", textContent: t("What your letter says") }),
    ];
    if (result.limit_note) parts.push(el("p", { className: "sa-hint", textContent: result.limit_note }));
    if (!rows.length || !useful) {
      parts.push(
        el("p", {
          className: "sa-explain-nothing",
          textContent: reason?.look_for ?? t("We could not find anything to use in this text."),
        }),
      );
      for (const m of result.missing)
        if (m !== reason) parts.push(el("p", { className: "sa-hint", textContent: m.look_for }));
    } else {
      parts.push(
        el(
          "p",
          {},
          rows.length === 1
            ? t("We found 1 thing in {source}.", { source })
            : t("We found {n} things in {source}.", { n: rows.length, source }),
          " ",
          t('Nothing is filled in until you choose "Use this".'),
        ),
      );
      const all = useAll(rows);
      if (all) parts.push(all);
      parts.push(el("ul", { className: "sa-explain-list" }, ...rows.map((r) => r.row)));
      if (result.missing.length) {
        parts.push(
          el("h4", { textContent: t("What we could not find") }),
          el(
            "ul",
            { className: "sa-explain-missing" },
            ...result.missing.map((m) => el("li", { textContent: m.look_for })),
          ),
        );
      }
    }
    results.replaceChildren(...parts);
    results.hidden = false;
    results.querySelector("h3").focus();
  }

  let ticket = 0;
  // Read a text (pasted, or from a PDF or a photo): the engine finds, the panel shows.
  async function read(text, source = t("your letter")) {
    const mine = ++ticket;
    lastText = text;
    if (!text.trim()) {
      status.textContent = t("Paste the text of your letter first, or open it as a PDF or a photo.");
      textarea.focus();
      return null;
    }
    status.textContent =
      document.getElementById("self-audit")?.dataset.engine === "loading"
        ? t("Your letter will be read as soon as the checker is ready...")
        : t("Reading your letter...");
    try {
      const result = await engine.call("explain", { text });
      if (mine !== ticket) return null;
      status.textContent = "";
      show(result, source);
      details.dataset.read = String(Number(details.dataset.read ?? 0) + 1); // tests wait on this
      return result;
    } catch (error) {
      if (mine !== ticket) return null;
      status.textContent = engine.stopped
        ? t(
            "The checker is not running, so we cannot read your letter here. Read it yourself: look for the reason, the date on the letter and the deadline to appeal.",
          )
        : t("We could not read this text: {reason}", { reason: error.message });
      return null;
    }
  }
  readButton.addEventListener("click", () => read(textarea.value));

  // Text from a PDF or a photo goes into the text box (the reader can see and correct it), then is read.
  async function readFrom(text, source) {
    textarea.value = text;
    save();
    return read(text, source);
  }

  // --- a PDF or a photo: the tools load only now, from this site ----------------------------------
  const tools = readerTools();
  const progress = el(
    "div",
    { className: "sa-explain-working", hidden: true },
    el("label", { for: "sa-explain-progress", id: "sa-explain-progress-label" }),
    el("progress", { id: "sa-explain-progress", className: "sa-explain-progress", max: 100 }),
    el("button", { type: "button", className: "md-button", id: "sa-explain-cancel" }, t("Cancel")),
  );
  const [progressLabel, bar, cancel] = progress.children;
  let aborter = null;
  cancel.addEventListener("click", () => aborter?.abort());
  status.before(progress);

  function working(text, percent) {
    progress.hidden = false;
    progressLabel.textContent = text;
    if (percent === null) bar.removeAttribute("value");
    else bar.value = percent;
  }

  function fileSource(id, label, accept, capture, run) {
    const input = el("input", {
      type: "file",
      id,
      accept,
      capture,
      hidden: true,
      tabindex: "-1",
      "aria-hidden": "true",
    });
    const button = el("button", { type: "button", className: "md-button", id: `${id}-button` }, label);
    button.addEventListener("click", () => input.click());
    input.addEventListener("change", async () => {
      const file = input.files[0];
      input.value = ""; // the page keeps no reference to the file
      if (!file) return;
      await run(file);
    });
    sources.append(button, input);
  }

  if (tools?.pdf) {
    fileSource("sa-explain-pdf", t("Open a PDF"), "application/pdf", null, async (file) => {
      working(t("Reading your PDF..."), null);
      status.textContent = "";
      try {
        const { pdfText } = await import("./explain-pdf.mjs");
        const got = await pdfText(file, new URL(tools.pdf.folder, siteRoot()));
        progress.hidden = true;
        if (got.scanned) {
          results.replaceChildren();
          results.hidden = true;
          status.textContent =
            t("This PDF has no text we can read: it is probably a scan (a picture of the letter).") +
            " " +
            (tools.ocr
              ? t('Use "Take or open a photo" instead, with a photo or an image of each page.')
              : t("Type the important lines into the box above."));
          return;
        }
        const from =
          got.read < got.pages
            ? t("your PDF (the first {read} of {pages} pages)", { read: got.read, pages: got.pages })
            : t("your PDF");
        await readFrom(got.text, from);
      } catch {
        progress.hidden = true;
        status.textContent = t("This PDF could not be opened. Try another copy, or copy its text and paste it above.");
      }
    });
  }
  if (tools?.ocr) {
    fileSource("sa-explain-photo", t("Take or open a photo"), "image/*", "environment", async (file) => {
      const mine = (aborter = new AbortController());
      working(t("Getting the photo reader ready..."), null);
      status.textContent = "";
      try {
        const { ocrText, Cancelled } = await import("./explain-ocr.mjs");
        try {
          const got = await ocrText(file, new URL(tools.ocr.folder, siteRoot()), {
            signal: aborter.signal,
            onProgress: ({ stage, percent }) => {
              if (mine.signal.aborted) return; // the worker may report once more after Cancel
              working(
                stage === "reading"
                  ? t("Reading your photo: {percent}%", { percent })
                  : t("Getting the photo reader ready: {percent}%", { percent }),
                percent,
              );
            },
          });
          progress.hidden = true;
          if ((got.text.match(/[A-Za-z]/g) ?? []).length < 20) {
            status.textContent = t(
              "We could not read words in this photo. Take it again in good light, flat, with the whole page in the picture.",
            );
            return;
          }
          await readFrom(got.text, t("your photo (check the text above: reading a photo makes mistakes)"));
        } catch (error) {
          progress.hidden = true;
          status.textContent =
            error instanceof Cancelled
              ? t("Stopped. Nothing was read.")
              : t("This photo could not be read. Try another photo, or type the important lines into the box above.");
        }
      } catch {
        progress.hidden = true;
        status.textContent = t(
          "The photo reader could not be loaded. Check your connection, or type the important lines into the box above.",
        );
      } finally {
        aborter = null;
      }
    });
  }

  if (window.location.hash === "#start-from-letter") {
    details.open = true;
    section.scrollIntoView?.({ block: "start" });
  }

  return {
    details,
    sources,
    status,
    textarea,
    readFrom,
    deadline: () => deadline,
    // Saving turned on or off (the page's "Save my answers" box): the letter is kept, or deleted.
    saving(on) {
      saving = on;
      if (on) save();
      else forget();
    },
    // "Delete my answers": the letter and everything found in it go too.
    reset() {
      forget();
      textarea.value = "";
      lastText = "";
      results.replaceChildren();
      results.hidden = true;
      status.textContent = "";
      if (deadline) setDeadline(null);
    },
    // The report shows the letter's own deadline beside the computed one.
    showInReport(container, report) {
      const stated = report?.letter_deadline;
      container.querySelector(".sa-letter-deadline")?.remove();
      if (!stated) return;
      const box = el(
        "div",
        { className: `sa-letter-deadline${stated.differs ? " sa-letter-deadline-differs" : ""}`, role: "note" },
        el("h3", { textContent: t("Your letter's own deadline") }),
        el(
          "p",
          {},
          el("strong", { textContent: `${t("Your letter says:")} ` }),
          `${longDate(stated.date)}`,
          stated.as_written ? ` ("${stated.as_written}")` : "",
        ),
        stated.ours
          ? el("p", {}, el("strong", { textContent: `${t("We worked out:")} ` }), longDate(stated.ours))
          : null,
        el(
          "p",
          { className: "sa-letter-deadline-use" },
          el("strong", { textContent: `${t("Use {date}.", { date: longDate(stated.use) })} ` }),
          stated.message,
        ),
        el(
          "button",
          { type: "button", className: "md-button sa-no-print", onclick: () => setDeadline(null) },
          t("Stop using the letter's deadline"),
        ),
      );
      const first = container.firstElementChild;
      if (first) first.after(box);
      else container.append(box);
    },
    get text() {
      return lastText;
    },
  };
}
