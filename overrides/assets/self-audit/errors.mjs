// Problems with answers, shown the GOV.UK way: a message at the question, and (when the reader asks
// for a check) an error summary at the top that takes focus and links to each question.

import { labelOf } from "./form.mjs";
import { t } from "./strings.mjs";

function firstControl(block) {
  return block.querySelector("input, textarea, select");
}

// Inline messages: one per question with a problem; stale ones removed.
export function showInlineErrors(form, problems) {
  const byQuestion = new Map(problems.map((p) => [p.question, p.message]));
  for (const block of form.querySelectorAll(".sa-question")) {
    const id = block.dataset.question;
    const message = byQuestion.get(id);
    let node = block.querySelector(".sa-error-message");
    const control = firstControl(block);
    const describedBy = (control?.getAttribute("aria-describedby") ?? "").split(" ").filter(Boolean);
    const errorId = `q-${id}-error`;
    if (message) {
      if (!node) {
        node = document.createElement("p");
        node.className = "sa-error-message";
        node.id = errorId;
        block.querySelector(".sa-label, legend")?.after(node);
      }
      node.textContent = t("Error: {message}", { message });
      block.classList.add("sa-question--error");
      for (const input of block.querySelectorAll("input, select")) {
        input.setAttribute("aria-invalid", "true");
        if (!describedBy.includes(errorId)) input.setAttribute("aria-describedby", [...describedBy, errorId].join(" "));
      }
    } else if (node) {
      node.remove();
      block.classList.remove("sa-question--error");
      for (const input of block.querySelectorAll("input, select")) {
        input.removeAttribute("aria-invalid");
        const rest = describedBy.filter((d) => d !== errorId);
        if (rest.length) input.setAttribute("aria-describedby", rest.join(" "));
        else input.removeAttribute("aria-describedby");
      }
    }
  }
}

// The summary: hidden when there is nothing to say; otherwise filled, shown and focused.
export function showErrorSummary(summary, form, problems) {
  const list = summary.querySelector("ul");
  if (!problems.length) {
    summary.hidden = true;
    list.replaceChildren();
    return;
  }
  list.replaceChildren(
    ...problems.map((problem) => {
      const block = form.querySelector(`[data-question="${CSS.escape(problem.question)}"]`);
      const link = document.createElement("a");
      const control = block && firstControl(block);
      link.href = `#${control?.id ?? ""}`;
      link.textContent = `${block ? labelOf(block) : problem.question}: ${problem.message}`;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        control?.focus();
        block?.scrollIntoView({ block: "center" });
      });
      const item = document.createElement("li");
      item.append(link);
      return item;
    }),
  );
  summary.hidden = false;
  summary.focus();
}
