// Read the reader's answers from the static form, by each question's declared type.

function valueOf(block) {
  const type = block.dataset.type;
  const inputs = [...block.querySelectorAll("input")];
  if (type === "choice") return inputs.find((i) => i.checked)?.value;
  if (type === "boolean") {
    const checked = inputs.find((i) => i.checked);
    return checked ? checked.value === "yes" : undefined;
  }
  if (type === "multi") {
    const values = inputs.filter((i) => i.checked).map((i) => i.value);
    return values.length ? values : undefined;
  }
  const raw = inputs[0]?.value.trim() ?? "";
  if (raw === "") return undefined;
  if (type === "number") {
    const n = Number(raw);
    return Number.isInteger(n) ? n : undefined;
  }
  return raw; // date (YYYY-MM-DD from <input type=date>) and text
}

export function readAnswers(form) {
  const answers = { schema: 1 };
  for (const block of form.querySelectorAll(".sa-question")) {
    if (block.hidden) continue;
    const value = valueOf(block);
    if (value !== undefined) answers[block.dataset.question] = value;
  }
  return answers;
}
