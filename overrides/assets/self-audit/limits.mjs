// The engine's limits for an answer (checklist_engine.answers.LIMITS: text length, the years a date
// may be in, how deep a saved answer may nest) and its words for what is wrong with an answer
// (answers.MESSAGES, the limits already filled in), rendered by the build into the self-audit form's
// data-limits and data-messages attributes (sitebuild/checklist_html.py). The page keeps no copy of
// its own: no number and no message.

function pageData(doc, name) {
  const text = doc?.querySelector(`[data-${name}]`)?.getAttribute(`data-${name}`);
  if (!text) throw new Error(`this page has no data-${name}: it was not built from the engine's schema`);
  return JSON.parse(text);
}

export function pageLimits(doc = globalThis.document) {
  return pageData(doc, "limits");
}

// The engine's words for one kind of problem ("number_range"), with the question's own values
// ({min}, {max}, {instead}) filled in as answers.fill() fills them.
export function pageMessage(doc, kind, params = {}) {
  const template = pageData(doc, "messages")[kind];
  if (template === undefined) throw new Error(`the engine has no message for "${kind}"`);
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}
