// The page's first check of typed answers (form.mjs), on the form the build renders from the engine.
//
//   node tests/node/page_words.mjs < {"html": FORM, "today": "YYYY-MM-DD", "typed": [[id, text]], "opened": {id: value}}
//
// Prints one JSON line: for each typed answer alone, the problems readForm finds
// ([[question, message]]); then checkAnswerSet's problems for the opened answer set.
import { checkAnswerSet, readForm } from "../../overrides/assets/self-audit/form.mjs";
import { page } from "./unit/dom.mjs";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { html, today, typed, opened } = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = typed.map(([id, text]) => {
  const { document, form } = page(html);
  document.getElementById(`q-${id}`).value = text;
  return readForm(form, today).problems.map((p) => [p.question, p.message]);
});
const { form } = page(html);
console.log(JSON.stringify({ typed: results, opened: checkAnswerSet(form, opened) }));
