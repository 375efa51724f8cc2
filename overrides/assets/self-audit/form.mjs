// The static form as data: read answers from it, write answers into it, check values before use.
// The form is rendered at build time from the engine's schema, so the DOM is the schema here:
// every question block carries data-question and data-type, and its inputs carry the allowed values.

import { pageLimits, pageMessage } from "./limits.mjs";
import { locale } from "./strings.mjs";

export function questionBlocks(form) {
  return [...form.querySelectorAll(".sa-question")];
}

function blocksById(form) {
  return new Map(questionBlocks(form).map((b) => [b.dataset.question, b]));
}

function inputs(block) {
  return [...block.querySelectorAll("input")];
}

// A choice with many options (the reader's state) is a <select>; every other choice is radios.
function selectOf(block) {
  return block.querySelector("select");
}

function allowedValues(block) {
  const select = selectOf(block);
  return select ? [...select.options].map((o) => o.value).filter(Boolean) : inputs(block).map((i) => i.value);
}

export function labelOf(block) {
  const label = block.querySelector(".sa-label");
  const optional = label?.querySelector(".sa-optional")?.textContent ?? "";
  return (label?.textContent ?? block.dataset.question).replace(optional, "").trim();
}

// The raw value of one question, or undefined when it is not answered.
function rawValue(block) {
  const type = block.dataset.type;
  const all = inputs(block);
  if (type === "choice")
    return selectOf(block) ? selectOf(block).value || undefined : all.find((i) => i.checked)?.value;
  if (type === "boolean") {
    const checked = all.find((i) => i.checked);
    return checked ? checked.value === "yes" : undefined;
  }
  if (type === "multi") {
    const values = all.filter((i) => i.checked).map((i) => i.value);
    return values.length ? values : undefined;
  }
  const raw = all[0]?.value.trim() ?? "";
  if (raw === "") return all[0]?.validity?.badInput ? { bad: true } : undefined;
  if (type === "number") return Number(raw);
  // a date box gives "0002-10-31" while the reader is still typing the year: not an answer yet
  if (type === "date" && /^0\d{3}-/.test(raw)) return undefined;
  return raw; // date (YYYY-MM-DD from <input type=date>) and text
}

// Why a value cannot be used, in the engine's words (answers.MESSAGES, from the build's
// data-messages), or null when it is fine. The page's first check, while the engine starts and
// between two reports; the engine checks every answer again and its errors are shown as they are.
export function problemWith(block, value, today) {
  const type = block.dataset.type;
  const say = (kind, params) => pageMessage(block.ownerDocument, kind, params);
  if (value && typeof value === "object" && value.bad) return say(type === "number" ? "number" : "date");
  if (type === "number") {
    const input = block.querySelector("input");
    const min = input.min === "" ? null : Number(input.min);
    const max = input.max === "" ? null : Number(input.max);
    if (!Number.isInteger(value)) return say("number");
    if ((min !== null && value < min) || (max !== null && value > max)) return say("number_range", { min, max });
  }
  const limits = pageLimits(block.ownerDocument);
  if (type === "date") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return say("date");
    const year = Number(value.slice(0, 4));
    if (year < limits.year_min || year > limits.year_max) return say("date_years");
    if (today && block.hasAttribute("data-past") && value > today)
      return say("date_future", { instead: block.dataset.past });
  }
  if (type === "text" && value.length > limits.text_chars) return say("text_long");
  return null;
}

// The engine's words for an answer of the wrong kind for its question (a saved or opened file).
const WRONG_KIND = { boolean: "boolean", choice: "choice", multi: "choice", number: "number", date: "date" };

// Every answered question: {answers, problems}. Answers with a problem are left out of `answers`,
// so the live report keeps working while the reader fixes them.
export function readForm(form, today) {
  const answers = { schema: 1 };
  const problems = [];
  for (const block of questionBlocks(form)) {
    const value = rawValue(block);
    if (value === undefined) continue;
    const problem = problemWith(block, value, today);
    if (problem) problems.push({ question: block.dataset.question, message: problem, hidden: block.hidden });
    else answers[block.dataset.question] = value;
  }
  return { answers, problems };
}

export function clearForm(form) {
  for (const input of form.querySelectorAll("input")) {
    if (input.type === "radio" || input.type === "checkbox") input.checked = false;
    else input.value = "";
  }
  for (const select of form.querySelectorAll("select")) select.value = "";
}

// Put an answer set into the form (after clearing it). Returns the ids it could not place.
export function writeForm(form, answers) {
  clearForm(form);
  const blocks = blocksById(form);
  const skipped = [];
  for (const [id, value] of Object.entries(answers)) {
    if (id === "schema" || id === "checklist_version") continue;
    const block = blocks.get(id);
    if (!block || !place(block, value)) skipped.push(id);
  }
  return skipped;
}

// Fill only the questions that have no answer yet (the reader's newer answers win).
export function fillUnanswered(form, answers) {
  const blocks = blocksById(form);
  let placed = 0;
  for (const [id, value] of Object.entries(answers)) {
    const block = blocks.get(id);
    if (block && rawValue(block) === undefined && place(block, value)) placed += 1;
  }
  return placed;
}

// One answer the reader confirmed elsewhere on the page (a finding of their denial letter): placed
// as the reader's own edit is, then the same input and change events, so the report updates and
// saving works. Returns false when the form has no such question or the value does not fit it.
export function fillAnswer(form, id, value) {
  const block = blocksById(form).get(id);
  if (!block || !place(block, value)) return false;
  const target = selectOf(block) ?? inputs(block).find((i) => i.checked) ?? inputs(block)[0];
  for (const type of ["input", "change"]) target.dispatchEvent(new Event(type, { bubbles: true }));
  return true;
}

// A question's label and its options' labels ([{value, label}]; empty for a date, number or text),
// or null when the form has no such question.
export function questionInfo(form, id) {
  const block = blocksById(form).get(id);
  if (!block) return null;
  const select = selectOf(block);
  const options = select
    ? [...select.options].filter((o) => o.value).map((o) => ({ value: o.value, label: o.textContent.trim() }))
    : block.dataset.type === "choice"
      ? inputs(block).map((i) => ({ value: i.value, label: i.labels?.[0]?.textContent.trim() ?? i.value }))
      : [];
  return { label: labelOf(block), type: block.dataset.type, options, value: rawValue(block) };
}

// Whether a value is of the kind the question takes (one of its options, a whole number, ...).
function fits(block, value) {
  const type = block.dataset.type;
  const allowed = allowedValues(block);
  if (type === "boolean") return typeof value === "boolean";
  if (type === "choice") return allowed.includes(value);
  if (type === "multi") return Array.isArray(value) && value.every((v) => allowed.includes(v));
  if (type === "number") return Number.isInteger(value);
  return typeof value === "string"; // date, text
}

function place(block, value) {
  if (!fits(block, value)) return false;
  const type = block.dataset.type;
  const all = inputs(block);
  if (type === "boolean") value = value ? "yes" : "no";
  if (type === "choice" && selectOf(block)) {
    selectOf(block).value = value;
    return true;
  }
  if (type === "boolean" || type === "choice") {
    all.find((i) => i.value === value).checked = true;
    return true;
  }
  if (type === "multi") {
    if (new Set(value).size !== value.length) return false; // the same option twice: not a saved answer
    for (const input of all) input.checked = value.includes(input.value);
    return true;
  }
  all[0].value = String(value);
  // the browser refuses a number or date it cannot show (the input stays empty)
  return all[0].value === String(value) || type === "text";
}

// Check a whole answer set against the form without touching it (an imported or saved file,
// when the engine is not there to check it). Returns plain-language problems.
export function checkAnswerSet(form, answers) {
  const blocks = blocksById(form);
  const problems = [];
  for (const [id, value] of Object.entries(answers)) {
    if (id === "schema" || id === "checklist_version" || value === null || value === "") continue;
    const block = blocks.get(id);
    if (!block) continue; // an older checklist's question: reported, not fatal
    const problem = fits(block, value)
      ? problemWith(block, value, null)
      : pageMessage(block.ownerDocument, WRONG_KIND[block.dataset.type] ?? "text");
    if (problem) problems.push(`${labelOf(block)}: ${problem}`);
  }
  return problems;
}

// Whether the reader may leave a question empty (its label says "(optional)").
export function isOptional(block) {
  return block.querySelector(".sa-label .sa-optional") !== null;
}

// The answer as the reader sees it in the form, in words, one entry per chosen option ("Yes",
// "November 17, 2026", the labels of the ticked boxes); [] when the question has no answer. An option
// that is hidden (not offered for this reader) is not shown, as the engine does not count it.
export function shownAnswer(block) {
  const select = selectOf(block);
  if (select) return select.value ? [select.selectedOptions[0].textContent.trim()] : [];
  const all = inputs(block);
  if (["choice", "boolean", "multi"].includes(block.dataset.type)) {
    return all
      .filter((i) => i.checked && !i.closest(".sa-option")?.hidden)
      .map((i) => block.querySelector(`label[for="${CSS.escape(i.id)}"]`)?.textContent.trim() ?? i.value);
  }
  const raw = all[0]?.value.trim() ?? "";
  if (!raw) return [];
  if (block.dataset.type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(raw) && !Number.isNaN(Date.parse(raw))) {
    return [
      new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(new Date(`${raw}T00:00:00Z`)),
    ];
  }
  return [raw];
}
