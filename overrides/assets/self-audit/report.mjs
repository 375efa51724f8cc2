// Show the engine's report. DOM APIs and textContent only: no string of the reader's ever becomes HTML.

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props);
  for (const child of children) node.append(child);
  return node;
}

export function renderReport(container, report, { itemsRoot, form } = {}) {
  const titles = new Map(report.items.map((item) => [item.id, item.title]));
  const verdict = report.ready
    ? "Ready to send: nothing important is missing."
    : `Not ready yet: ${report.missing.length} thing${report.missing.length === 1 ? "" : "s"} to do.`;
  const list = el("ol", { className: "sa-missing" });
  for (const id of report.missing) list.append(el("li", { textContent: titles.get(id) ?? id }));
  const urgent = report.expedited
    ? [el("p", { className: "sa-expedited", textContent: "Your case is urgent: ask for an expedited (fast) appeal." })]
    : [];
  container.replaceChildren(
    el("p", { className: "sa-verdict", textContent: verdict }),
    ...urgent,
    el("p", { className: "sa-score", textContent: `Checklist score: ${report.score} out of 100` }),
    ...(report.missing.length ? [el("h3", { textContent: "What is missing" }), list] : []),
  );
  container.hidden = false;

  if (itemsRoot) {
    for (const item of report.items) {
      const node = itemsRoot.querySelector(`[data-item="${CSS.escape(item.id)}"]`);
      if (node) node.dataset.status = item.status;
    }
  }
  if (form && Array.isArray(report.visible_questions)) {
    const visible = new Set(report.visible_questions);
    for (const block of form.querySelectorAll(".sa-question")) block.hidden = !visible.has(block.dataset.question);
  }
}
