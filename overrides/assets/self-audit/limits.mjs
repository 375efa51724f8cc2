// The engine's limits for an answer (checklist_engine.answers.LIMITS: text length, the years a date
// may be in, how deep a saved answer may nest), rendered by the build into the self-audit form's
// data-limits attribute (sitebuild/checklist_html.py). The page keeps no copy of its own.

export function pageLimits(doc = globalThis.document) {
  const text = doc?.querySelector("[data-limits]")?.dataset.limits;
  if (!text) throw new Error("this page has no data-limits: it was not built from the engine's schema");
  return JSON.parse(text);
}
