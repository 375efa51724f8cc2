// Print one part of the page (a letter) instead of the whole plan; the print stylesheet does the rest.
// With {print: false} the page is only made ready (the browser is already printing: its own command).
import { locale, t } from "./strings.mjs";

export function printOnly(element, { print = true } = {}) {
  element.classList.add("sa-print-target");
  document.body.classList.add("sa-printing-one");
  const done = () => {
    element.classList.remove("sa-print-target");
    document.body.classList.remove("sa-printing-one");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  if (print) window.print();
}

// The reader's answers as one short list, for "Print my appeal plan": each question the reader
// answered (and that applies), once, with the answer in the words the form shows. Read from the
// form's own controls; DOM APIs and textContent only.
function answerOf(block) {
  const type = block.dataset.type;
  const select = block.querySelector("select");
  if (select) return select.value ? select.selectedOptions[0].textContent : "";
  const inputs = [...block.querySelectorAll("input")];
  if (type === "choice" || type === "boolean" || type === "multi") {
    return inputs
      .filter((i) => i.checked && !i.closest(".sa-option")?.hidden)
      .map((i) => block.querySelector(`label[for="${CSS.escape(i.id)}"]`)?.textContent ?? i.value)
      .join("; ");
  }
  const value = inputs[0]?.value.trim() ?? "";
  if (type === "date" && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return new Intl.DateTimeFormat(locale(), { dateStyle: "long", timeZone: "UTC" }).format(
      new Date(`${value}T00:00:00Z`),
    );
  return value;
}

function questionText(block) {
  const label = block.querySelector("legend.sa-label, label.sa-label")?.cloneNode(true);
  label?.querySelector(".sa-optional")?.remove();
  return label?.textContent.trim() ?? block.dataset.question;
}

export function answersForPrint(form) {
  const rows = [];
  for (const block of form.querySelectorAll(".sa-question")) {
    if (block.hidden) continue;
    const answer = answerOf(block);
    if (!answer) continue;
    const row = document.createElement("li");
    const question = document.createElement("span");
    question.className = "sa-print-question";
    question.textContent = `${questionText(block)} `;
    const value = document.createElement("strong");
    value.textContent = answer;
    row.append(question, value);
    rows.push(row);
  }
  const section = document.createElement("section");
  section.className = "sa-print-only sa-print-answers";
  section.id = "sa-print-answers";
  const heading = document.createElement("h3");
  heading.textContent = t("Your answers");
  const list = document.createElement("ul");
  list.append(...rows);
  section.append(heading, rows.length ? list : t("You have not answered any question yet."));
  return section;
}

// Before the plan prints: the answers, once, at the end of the report (gone again after printing).
export function preparePlanPrint(result, form) {
  result.querySelector("#sa-print-answers")?.remove();
  if (!document.body.classList.contains("sa-printing-one")) result.append(answersForPrint(form));
}

window.addEventListener("afterprint", () => document.getElementById("sa-print-answers")?.remove());
