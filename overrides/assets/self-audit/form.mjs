// The static form as data: read answers from it, write answers into it, check values before use.
// The form is rendered at build time from the engine's schema, so the DOM is the schema here:
// every question block carries data-question and data-type, and its inputs carry the allowed values.

export const TEXT_LIMIT = 2000;

export function questionBlocks(form) {
  return [...form.querySelectorAll(".sa-question")];
}

function inputs(block) {
  return [...block.querySelectorAll("input")];
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
  if (type === "choice") return all.find((i) => i.checked)?.value;
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
  return raw; // date (YYYY-MM-DD from <input type=date>) and text
}

// Why a value cannot be used, in plain words, or null when it is fine.
export function problemWith(block, value, today) {
  const type = block.dataset.type;
  if (value && typeof value === "object" && value.bad) {
    return type === "number" ? "Enter a number, like 6." : "Enter a full date: month, day and year.";
  }
  if (type === "number") {
    const input = block.querySelector("input");
    const min = input.min === "" ? null : Number(input.min);
    const max = input.max === "" ? null : Number(input.max);
    if (!Number.isInteger(value)) return "Enter a whole number, like 6.";
    if ((min !== null && value < min) || (max !== null && value > max)) return `Enter a number from ${min} to ${max}.`;
  }
  if (type === "date") {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return "Enter a full date: month, day and year.";
    if (today && value > today) return "This date cannot be in the future. Use the date printed on the notice.";
  }
  if (type === "text" && value.length > TEXT_LIMIT) return `Keep this under ${TEXT_LIMIT} characters.`;
  return null;
}

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
}

// Put an answer set into the form (after clearing it). Returns the ids it could not place.
export function writeForm(form, answers) {
  clearForm(form);
  const blocks = new Map(questionBlocks(form).map((b) => [b.dataset.question, b]));
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
  const blocks = new Map(questionBlocks(form).map((b) => [b.dataset.question, b]));
  let placed = 0;
  for (const [id, value] of Object.entries(answers)) {
    const block = blocks.get(id);
    if (block && rawValue(block) === undefined && place(block, value)) placed += 1;
  }
  return placed;
}

function place(block, value) {
  const type = block.dataset.type;
  const all = inputs(block);
  if (type === "boolean") {
    if (typeof value !== "boolean") return false;
    all.find((i) => i.value === (value ? "yes" : "no")).checked = true;
    return true;
  }
  if (type === "choice") {
    const match = all.find((i) => i.value === value);
    if (match) match.checked = true;
    return Boolean(match);
  }
  if (type === "multi") {
    if (!Array.isArray(value)) return false;
    const matches = all.filter((i) => value.includes(i.value));
    if (matches.length !== value.length) return false;
    for (const input of matches) input.checked = true;
    return true;
  }
  if (type === "number" && !Number.isInteger(value)) return false;
  if ((type === "date" || type === "text") && typeof value !== "string") return false;
  all[0].value = String(value);
  if (type === "number" || type === "date") return all[0].value === String(value);
  return true;
}

// Check a whole answer set against the form without touching it (an imported or saved file,
// when the engine is not there to check it). Returns plain-language problems.
export function checkAnswerSet(form, answers, today) {
  const blocks = new Map(questionBlocks(form).map((b) => [b.dataset.question, b]));
  const problems = [];
  for (const [id, value] of Object.entries(answers)) {
    if (id === "schema" || id === "checklist_version" || value === null || value === "") continue;
    const block = blocks.get(id);
    if (!block) continue; // an older checklist's question: reported, not fatal
    const type = block.dataset.type;
    const allowed = inputs(block).map((i) => i.value);
    const fits =
      (type === "boolean" && typeof value === "boolean") ||
      (type === "choice" && allowed.includes(value)) ||
      (type === "multi" && Array.isArray(value) && value.every((v) => allowed.includes(v))) ||
      (type === "number" && Number.isInteger(value)) ||
      ((type === "date" || type === "text") && typeof value === "string");
    const problem = fits ? problemWith(block, value, null) : "this answer is not one the question allows";
    if (problem) problems.push(`${labelOf(block)}: ${problem}`);
  }
  return problems;
}
