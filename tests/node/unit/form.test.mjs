// The form as data (form.mjs): what a reader typed becomes answers, or a problem in plain words.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checkAnswerSet, readForm, writeForm } from "../../../overrides/assets/self-audit/form.mjs";
import { LIMITS, MESSAGES, page } from "./dom.mjs";

function set(document, id, value) {
  document.getElementById(id).value = value;
}

test("typed answers are read with their types: a date, a whole number, yes/no", () => {
  const { document, form } = page();
  set(document, "q-denial_date", "2026-10-01");
  set(document, "q-symptom_weeks", "8");
  document.getElementById("q-urgent-1").checked = true;
  assert.deepEqual(readForm(form, "2026-11-27"), {
    answers: { schema: 1, denial_date: "2026-10-01", symptom_weeks: 8, urgent: false },
    problems: [],
  });
});

test("a number outside the question's range is a problem in the engine's words, and is left out of the answers", () => {
  const { document, form } = page();
  set(document, "q-symptom_weeks", "600");
  const { answers, problems } = readForm(form, "2026-11-27");
  assert.equal(answers.symptom_weeks, undefined);
  assert.deepEqual(
    problems.map((p) => [p.question, p.message]),
    [["symptom_weeks", "Type a number between 0 and 520."]],
  );
});

test("an answer set is written into the form and read back the same", () => {
  const { form } = page();
  const answers = { schema: 1, denial_date: "2026-10-01", symptom_weeks: 3, urgent: true, other_reason: "Not needed" };
  assert.deepEqual(writeForm(form, answers), []);
  assert.deepEqual(readForm(form, "2026-11-27").answers, answers);
});

test("answers the form cannot hold are reported in the engine's words, not placed", () => {
  const { form } = page();
  assert.deepEqual(writeForm(form, { schema: 1, urgent: "maybe", gone: 1, symptom_weeks: 2 }), ["urgent", "gone"]);
  assert.deepEqual(checkAnswerSet(form, { urgent: "maybe", symptom_weeks: 2.5 }), [
    `Is it urgent?: ${MESSAGES.boolean}`,
    `Weeks with symptoms: ${MESSAGES.number}`,
  ]);
});

test("limits come from the page's data-limits: text length and the years a date may be in", () => {
  const { document, form } = page();
  set(document, "q-other_reason", "x".repeat(LIMITS.text_chars + 1));
  set(document, "q-denial_date", `${LIMITS.year_min - 1}-06-01`);
  assert.deepEqual(
    readForm(form, "2026-11-27").problems.map((p) => [p.question, p.message]),
    [
      ["denial_date", MESSAGES.date_years],
      ["other_reason", MESSAGES.text_long],
    ],
  );
  set(document, "q-other_reason", "x".repeat(LIMITS.text_chars));
  set(document, "q-denial_date", `${LIMITS.year_min}-06-01`);
  assert.deepEqual(readForm(form, "2026-11-27").problems, []);
});

test("a date the engine marks as past (data-past) cannot be after today; the others are not refused here", () => {
  const { document, form } = page();
  set(document, "q-denial_date", "2026-11-28");
  assert.deepEqual(
    readForm(form, "2026-11-27").problems.map((p) => [p.question, p.message]),
    [["denial_date", "Not a future date. Use the date on the notice."]],
  );
  set(document, "q-denial_date", "2026-11-27");
  assert.deepEqual(readForm(form, "2026-11-27").problems, []);
  document.getElementById("q-denial_date-block").removeAttribute("data-past");
  set(document, "q-denial_date", "2026-11-28");
  assert.deepEqual(readForm(form, "2026-11-27").problems, []);
});

test("a page built without limits or the engine's words fails loudly instead of guessing", () => {
  const { document, form } = page();
  form.removeAttribute("data-limits");
  set(document, "q-other_reason", "text");
  assert.throws(() => readForm(form, "2026-11-27"), /no data-limits/);
  const other = page();
  other.form.removeAttribute("data-messages");
  set(other.document, "q-symptom_weeks", "2.5");
  assert.throws(() => readForm(other.form, "2026-11-27"), /no data-messages/);
});
