// "Your appeal file": the reader's private log of calls, papers, appeals sent, decisions and
// promises, and the decision clocks the engine computes from it. Mounted by self-audit.mjs after
// the report. The forms are built from the engine's event format (op "event_schema"), every event
// is checked by the engine (op "events"): this page keeps no rule of its own. Every reader string
// is set with textContent, never as HTML.
//
// For other page modules (the call scripts): the object createAppealFile returns has
// `addEvent(prefill)`, which opens the "add" form prefilled, for example
//
//     caseFile.addEvent({ type: "call", who: "plan", said: "Asked for the criteria." });
//
// `type` is an event type of checklist_engine/data/events.toml (call, document, appeal_sent,
// decision, promise); the other keys are its field ids. Nothing is saved until the reader checks the
// form and presses "Save to my appeal file". Returns true when the form opened, false when the
// appeal file is not ready yet (the checker has not started) or the type is unknown.
// self-audit.mjs hands that function to the calls section.
import { locale, t } from "./strings.mjs";

import { el } from "./dom.mjs";

const LONG = { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" };

export function longDate(iso) {
  const day = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(day.getTime()) ? iso : day.toLocaleDateString(locale(), LONG);
}

function newId() {
  const random = Math.random().toString(36).slice(2, 8);
  return `e${Date.now().toString(36)}${random}`;
}

// Newest first: by date, then time, then the order they were added.
function newestFirst(events) {
  return events
    .map((event, n) => ({ event, n }))
    .sort(
      (a, b) =>
        (b.event.date ?? "").localeCompare(a.event.date ?? "") ||
        (b.event.time ?? "").localeCompare(a.event.time ?? "") ||
        b.n - a.n,
    )
    .map(({ event }) => event);
}

export function createAppealFile({ after, call, onChange }) {
  let eventFormat = null;
  let events = [];
  let report = null;
  let editing = null; // {id, type} of the open form, or null

  const title = el("h2", { id: "sa-file-title", textContent: t("Your appeal file"), tabindex: "-1" });
  const intro = el("p", {
    textContent: t(
      "Keep a record of your calls, the papers you send and get, and the decisions. It stays on this device. It is saved with your answers only if you choose \u201cSave my answers\u201d.",
    ),
  });
  const clocksTitle = el("h3", { id: "sa-file-clocks-title", textContent: t("When decisions are due") });
  const clocksList = el("ul", { className: "sa-file-clocks", id: "sa-file-clocks" });
  const clocksNotice = el("p", { className: "sa-check-notice", id: "sa-file-notice" });
  const addTitle = el("h3", { id: "sa-file-add-title", textContent: t("Add to your appeal file") });
  const addButtons = el("div", { className: "sa-buttons sa-no-print", id: "sa-file-add" });
  const formSlot = el("div", { id: "sa-file-form-slot" });
  const status = el("p", { className: "sa-note", id: "sa-file-status", role: "status" });
  const timelineTitle = el("h3", { id: "sa-file-timeline-title", textContent: t("What happened, newest first") });
  const timeline = el("ol", {
    className: "sa-file-timeline",
    id: "sa-file-timeline",
    "aria-labelledby": "sa-file-timeline-title",
  });
  const printButton = el("button", {
    type: "button",
    className: "md-button",
    id: "sa-file-print",
    textContent: t("Print my appeal file"),
  });
  const printCopy = el("div", { className: "sa-file-print", id: "sa-file-print-copy" });
  const section = el(
    "section",
    { className: "sa-file", id: "sa-file", "aria-labelledby": "sa-file-title", hidden: true },
    title,
    intro,
    clocksTitle,
    clocksList,
    clocksNotice,
    addTitle,
    addButtons,
    formSlot,
    status,
    timelineTitle,
    timeline,
    el("div", { className: "sa-buttons sa-no-print" }, printButton),
    printCopy,
  );
  after.after(section);

  function field(id) {
    return eventFormat.fields[id];
  }

  function typeOf(id) {
    return eventFormat.types.find((t) => t.id === id);
  }

  function optionLabel(fid, value) {
    const f = field(fid);
    if (f.type === "boolean") return value ? t("Yes") : t("No");
    return f.options.find((o) => o.id === value)?.label ?? String(value);
  }

  function summaryOf(event) {
    const type = typeOf(event.type);
    if (!type) return event.type;
    return type.summary.replace(/\{(\w+)\}/g, (_, fid) =>
      event[fid] === undefined ? "" : optionLabel(fid, event[fid]),
    );
  }

  function whenOf(event) {
    return event.time ? `${longDate(event.date)}, ${event.time}` : longDate(event.date);
  }

  // ---- the form -------------------------------------------------------------------------------

  function labelFor(type, fid) {
    const f = field(fid);
    return f.required.includes(type) ? f.label : `${f.label} (optional)`;
  }

  function control(type, fid, value) {
    const f = field(fid);
    const id = `sa-ef-${fid}`;
    if (f.type === "choice" || f.type === "level") {
      const select = el(
        "select",
        { id, name: fid, className: "sa-input" },
        el("option", { value: "", textContent: t("Choose one") }),
      );
      for (const o of f.options) select.append(el("option", { value: o.id, textContent: o.label }));
      select.value = value ?? "";
      return select;
    }
    if (f.type === "boolean") {
      return el("input", { type: "checkbox", id, name: fid, checked: value === true });
    }
    if (f.type === "text" && f.max >= 500) {
      const area = el("textarea", { id, name: fid, className: "sa-textarea", rows: "4", spellcheck: "true" });
      area.value = value ?? "";
      return area;
    }
    const input = el("input", { type: "text", id, name: fid, className: "sa-input", autocomplete: "off" });
    if (f.type === "date") input.classList.add("sa-input--date");
    if (f.type === "time") input.classList.add("sa-input--time");
    input.value = value === undefined ? "" : String(value);
    return input;
  }

  function fieldBlock(type, fid, value) {
    const f = field(fid);
    const input = control(type, fid, value);
    const block = el("div", { className: "sa-file-field", "data-field": fid });
    const label = el("label", { htmlFor: input.id, className: "sa-label", textContent: labelFor(type, fid) });
    const described = [];
    let hint = null;
    if (f.hint) {
      hint = el("p", { className: "sa-hint", id: `${input.id}-hint`, textContent: f.hint });
      described.push(hint.id);
    }
    if (described.length) input.setAttribute("aria-describedby", described.join(" "));
    if (f.type === "boolean") block.append(el("div", { className: "sa-option" }, input, label));
    else block.append(label);
    if (hint) block.append(hint);
    if (f.type !== "boolean") block.append(input);
    return block;
  }

  function readValues(form, type) {
    const event = { type: type.id };
    for (const fid of type.fields) {
      const node = form.elements.namedItem(fid);
      if (!node) continue;
      if (node.type === "checkbox") {
        if (node.checked) event[fid] = true;
      } else if (node.value.trim() !== "") {
        event[fid] = node.value;
      }
    }
    return event;
  }

  function showErrors(form, errors) {
    const summary = form.querySelector(".sa-error-summary");
    const list = summary.querySelector("ul");
    for (const old of form.querySelectorAll(".sa-file-field .sa-error-message")) old.remove();
    for (const block of form.querySelectorAll(".sa-file-field")) {
      block.classList.remove("sa-question--error");
      const input = block.querySelector("input, select, textarea");
      input.removeAttribute("aria-invalid");
      const hint = block.querySelector(".sa-hint");
      if (hint) input.setAttribute("aria-describedby", hint.id);
      else input.removeAttribute("aria-describedby");
    }
    list.replaceChildren();
    if (!errors.length) {
      summary.hidden = true;
      return;
    }
    for (const error of errors) {
      const block = error.field ? form.querySelector(`.sa-file-field[data-field="${CSS.escape(error.field)}"]`) : null;
      const input = block?.querySelector("input, select, textarea");
      const name = block ? block.querySelector("label").textContent : t("This event");
      const words = `${name}: ${error.problem}`;
      if (input) {
        const link = el("a", { href: `#${input.id}`, textContent: words });
        link.addEventListener("click", (clickEvent) => {
          clickEvent.preventDefault();
          input.focus();
        });
        list.append(el("li", {}, link));
        const message = el("p", {
          className: "sa-error-message",
          id: `${input.id}-error`,
          textContent: t("Error: {message}", { message: error.problem }),
        });
        block.querySelector("label").after(message);
        block.classList.add("sa-question--error");
        input.setAttribute("aria-invalid", "true");
        input.setAttribute(
          "aria-describedby",
          [input.getAttribute("aria-describedby"), message.id].filter(Boolean).join(" "),
        );
      } else {
        list.append(el("li", { textContent: words }));
      }
    }
    summary.hidden = false;
    summary.focus();
  }

  function closeForm() {
    editing = null;
    formSlot.replaceChildren();
  }

  function openForm(typeId, values = {}, id = null) {
    const type = typeOf(typeId);
    if (!type) return false;
    editing = { id, type: typeId };
    const heading = el("h3", {
      id: "sa-file-form-title",
      tabindex: "-1",
      textContent: id ? t("Change: {name}", { name: type.label }) : t("Add: {name}", { name: type.label }),
    });
    const summary = el(
      "div",
      {
        className: "sa-error-summary",
        role: "region",
        tabindex: "-1",
        "aria-labelledby": "sa-file-errors-title",
        hidden: true,
      },
      el("h4", { id: "sa-file-errors-title", textContent: t("There is a problem") }),
      el("ul"),
    );
    const form = el("form", {
      className: "sa-file-form",
      id: "sa-file-form",
      novalidate: true,
      "aria-labelledby": "sa-file-form-title",
      autocomplete: "off",
    });
    form.append(heading, summary, ...type.fields.map((fid) => fieldBlock(typeId, fid, values[fid])));
    const save = el("button", {
      type: "submit",
      className: "md-button md-button--primary",
      id: "sa-file-save",
      textContent: t("Save to my appeal file"),
    });
    const cancel = el("button", {
      type: "button",
      className: "md-button",
      id: "sa-file-cancel",
      textContent: t("Cancel"),
    });
    form.append(el("div", { className: "sa-buttons" }, save, cancel));
    cancel.addEventListener("click", () => {
      closeForm();
      status.textContent = t("Nothing was changed.");
      addButtons.querySelector("button")?.focus();
    });
    form.addEventListener("submit", async (submitEvent) => {
      submitEvent.preventDefault();
      const candidate = readValues(form, type);
      candidate.id = id ?? newId();
      let checked;
      try {
        checked = await call("events", { events: [candidate] });
      } catch (error) {
        showErrors(form, [
          { field: null, problem: t("the checker could not check it ({reason})", { reason: error.message }) },
        ]);
        return;
      }
      if (checked.errors.length) {
        showErrors(form, checked.errors);
        return;
      }
      const clean = checked.events[0];
      events = id ? events.map((e) => (e.id === id ? clean : e)) : [...events, clean];
      closeForm();
      renderTimeline();
      status.textContent = t("Saved to your appeal file: {what}, {when}.", {
        what: summaryOf(clean),
        when: whenOf(clean),
      });
      timeline.querySelector(`[data-event="${CSS.escape(clean.id)}"]`)?.focus();
      onChange();
    });
    formSlot.replaceChildren(form);
    heading.focus();
    return true;
  }

  // ---- the timeline and the clocks ------------------------------------------------------------

  function details(event, { all = false } = {}) {
    const type = typeOf(event.type);
    const list = el("dl", { className: "sa-file-details" });
    for (const fid of type?.fields ?? []) {
      if (event[fid] === undefined || (!all && (fid === "date" || fid === "time"))) continue;
      const value = field(fid).type === "date" ? longDate(event[fid]) : optionLabel(fid, event[fid]);
      list.append(el("dt", { textContent: field(fid).label }), el("dd", { textContent: value }));
    }
    return list;
  }

  function renderTimeline() {
    timeline.replaceChildren();
    if (!events.length) {
      timeline.append(
        el("li", { className: "sa-file-empty", textContent: t("Nothing yet. Add your first call or paper above.") }),
      );
      return;
    }
    for (const event of newestFirst(events)) {
      const name = `${summaryOf(event)}, ${whenOf(event)}`;
      const item = el("li", { className: "sa-file-event", tabindex: "-1", "data-event": event.id });
      const edit = el("button", {
        type: "button",
        className: "md-button",
        textContent: t("Change"),
        "aria-label": t("Change: {name}", { name }),
      });
      const remove = el("button", {
        type: "button",
        className: "md-button",
        textContent: t("Delete"),
        "aria-label": t("Delete: {name}", { name }),
      });
      edit.addEventListener("click", () => openForm(event.type, event, event.id));
      remove.addEventListener("click", () => {
        if (!window.confirm(t("Delete this from your appeal file? {name}", { name }))) return;
        events = events.filter((e) => e.id !== event.id);
        if (editing?.id === event.id) closeForm();
        renderTimeline();
        status.textContent = t("Deleted from your appeal file: {name}.", { name });
        addButtons.querySelector("button")?.focus();
        onChange();
      });
      item.append(
        el(
          "h4",
          { className: "sa-file-event-title" },
          el("span", { className: "sa-file-when", textContent: `${whenOf(event)}:` }),
          " ",
          el("span", { textContent: summaryOf(event) }),
        ),
        details(event),
        el("div", { className: "sa-buttons sa-no-print" }, edit, remove),
      );
      timeline.append(item);
    }
  }

  function clockItem(clock) {
    const days = clock.days_left;
    const soon =
      (clock.status === "upcoming" || clock.status === "today") && days !== null
        ? days === 0
          ? " (today)"
          : ` (in ${days} day${days === 1 ? "" : "s"})`
        : "";
    const item = el("li", { className: `sa-file-clock sa-file-clock--${clock.status}`, "data-clock": clock.id });
    item.append(
      el("p", { className: "sa-file-clock-headline" }, el("strong", { textContent: `${clock.headline}${soon}` })),
    );
    item.append(el("p", { textContent: clock.label }));
    for (const text of [clock.basis, clock.note])
      if (text) item.append(el("p", { className: "sa-hint", textContent: text }));
    if (clock.citation)
      item.append(
        el("p", { className: "sa-file-source", textContent: t("Source: {citation}", { citation: clock.citation }) }),
      );
    if (clock.what_to_do.length) {
      item.append(
        el("p", { textContent: t("What you can do:") }),
        el("ul", {}, ...clock.what_to_do.map((t) => el("li", { textContent: t }))),
      );
    }
    return item;
  }

  function renderClocks() {
    const clocks = report?.clocks ?? [];
    clocksList.replaceChildren(...clocks.map(clockItem));
    if (!clocks.length) {
      clocksList.append(
        el("li", {
          className: "sa-file-empty",
          textContent: t(
            "When you add an appeal you sent, or something promised to you, the date it is due shows here.",
          ),
        }),
      );
    }
    clocksNotice.textContent = report?.check_notice ?? "";
  }

  // ---- print ----------------------------------------------------------------------------------

  function buildPrint() {
    const today = new Date();
    const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, "0")}-${String(today.getDate()).padStart(2, "0")}`;
    const parts = [
      el("h2", { textContent: t("My appeal file") }),
      el("p", { textContent: t("Printed on {date}.", { date: longDate(iso) }) }),
    ];
    const appeal = report?.appeal;
    if (appeal) {
      parts.push(
        el("h3", { textContent: t("My plan and my next step") }),
        el(
          "dl",
          { className: "sa-file-details" },
          el("dt", { textContent: t("Plan") }),
          el("dd", { textContent: appeal.plan }),
          el("dt", { textContent: t("Step") }),
          el("dd", {
            textContent: t("{name} (step {n} of {total})", {
              name: appeal.name,
              n: appeal.step,
              total: appeal.steps.length,
            }),
          }),
          el("dt", { textContent: t("Next step") }),
          el("dd", { textContent: appeal.action }),
          el("dt", { textContent: t("Who decides") }),
          el("dd", { textContent: appeal.who_decides }),
          el("dt", { textContent: t("Where it goes") }),
          el("dd", { textContent: appeal.send_to }),
        ),
      );
    }
    const deadlines = report?.deadlines ?? [];
    if (deadlines.length) {
      parts.push(
        el("h3", { textContent: t("Deadlines") }),
        el(
          "ul",
          {},
          ...deadlines.map((d) =>
            el(
              "li",
              {},
              el("strong", { textContent: `${d.label}: ${d.date ? longDate(d.date) : t("date not known yet")}` }),
              el("br"),
              d.basis,
              el("br"),
              t("Source: {citation}", { citation: d.citation }),
            ),
          ),
        ),
      );
    }
    parts.push(el("h3", { textContent: t("When decisions are due") }));
    const clocks = report?.clocks ?? [];
    parts.push(
      clocks.length ? el("ul", {}, ...clocks.map(clockItem)) : el("p", { textContent: t("No decision clocks yet.") }),
    );
    if (report?.check_notice) parts.push(el("p", { className: "sa-check-notice", textContent: report.check_notice }));
    parts.push(el("h3", { textContent: t("What happened, oldest first") }));
    const ordered = [...newestFirst(events)].reverse();
    parts.push(
      ordered.length
        ? el(
            "ol",
            { className: "sa-file-timeline" },
            ...ordered.map((event) =>
              el(
                "li",
                { className: "sa-file-event" },
                el("h4", { textContent: `${whenOf(event)}: ${summaryOf(event)}` }),
                details(event),
              ),
            ),
          )
        : el("p", { textContent: t("Nothing recorded yet.") }),
    );
    const enclosures = report?.enclosures ?? [];
    if (enclosures.length) {
      parts.push(
        el("h3", { textContent: t("What I am sending with my appeal") }),
        el("ul", {}, ...enclosures.map((item) => el("li", { textContent: item }))),
      );
    }
    printCopy.replaceChildren(...parts);
  }

  printButton.addEventListener("click", () => {
    buildPrint();
    document.body.classList.add("sa-printing-file");
    const done = () => {
      document.body.classList.remove("sa-printing-file");
      window.removeEventListener("afterprint", done);
    };
    window.addEventListener("afterprint", done);
    window.print();
  });

  const instance = {
    // The engine is ready: build the add buttons from its event format.
    async start() {
      eventFormat = await call("event_schema", {});
      addButtons.replaceChildren(
        ...eventFormat.types.map((type) => {
          const button = el("button", {
            type: "button",
            className: "md-button",
            "data-type": type.id,
            textContent: t("Add: {name}", { name: `${type.label.charAt(0).toLowerCase()}${type.label.slice(1)}` }),
          });
          button.addEventListener("click", () => openForm(type.id));
          return button;
        }),
      );
      section.hidden = false;
      if (events.length) {
        // events saved or opened before the checker was ready: checked now, a bad one named and left out
        const checked = await call("events", { events });
        if (checked.errors.length) {
          events = checked.events;
          status.textContent = t("Left out of your appeal file: {errors}.", {
            errors: checked.errors.map((e) => e.message).join("; "),
          });
          onChange();
        }
      }
      renderTimeline();
      renderClocks();
    },
    events() {
      return events;
    },
    // Replace every event (saved, imported, deleted). The caller checked them with the engine.
    setEvents(next) {
      events = Array.isArray(next)
        ? next.map((e) => (e && typeof e === "object" && !e.id ? { ...e, id: newId() } : e))
        : [];
      closeForm();
      if (eventFormat) renderTimeline();
    },
    render(fresh) {
      report = fresh;
      if (eventFormat) renderClocks();
    },
    addEvent(prefill = {}) {
      if (!eventFormat) return false;
      const { type, ...values } = prefill ?? {};
      return openForm(type, values);
    },
    say(text) {
      status.textContent = text;
    },
  };
  return instance;
}
