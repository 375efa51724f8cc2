// Problems shown the GOV.UK way (errors.mjs): a message at the question, wired for screen readers,
// and a summary that links to each question; all of it gone once the problem is fixed.
import assert from "node:assert/strict";
import { test } from "node:test";

import { showErrorSummary, showInlineErrors } from "../../../overrides/assets/self-audit/errors.mjs";
import { page } from "./dom.mjs";

const FUTURE = { question: "denial_date", message: "This date cannot be in the future." };

test("a problem shows at its question, marks the input invalid and describes it", () => {
  const { document, form } = page();
  showInlineErrors(form, [FUTURE]);
  const message = document.getElementById("q-denial_date-error");
  assert.equal(message.textContent, "Error: This date cannot be in the future.");
  assert.equal(message.previousElementSibling.className, "sa-label", "right after the label");
  const input = document.getElementById("q-denial_date");
  assert.equal(input.getAttribute("aria-invalid"), "true");
  assert.equal(input.getAttribute("aria-describedby"), "q-denial_date-hint q-denial_date-error");
  assert.ok(document.getElementById("q-denial_date-block").classList.contains("sa-question--error"));
  // the other questions are untouched
  assert.equal(form.querySelectorAll(".sa-error-message").length, 1);
  assert.equal(document.getElementById("q-symptom_weeks").getAttribute("aria-invalid"), null);
});

test("showing the same problem twice keeps one message and one reference", () => {
  const { document, form } = page();
  showInlineErrors(form, [FUTURE]);
  showInlineErrors(form, [{ ...FUTURE, message: "Enter a full date: month, day and year." }]);
  assert.equal(form.querySelectorAll(".sa-error-message").length, 1);
  assert.equal(
    document.getElementById("q-denial_date-error").textContent,
    "Error: Enter a full date: month, day and year.",
  );
  assert.equal(
    document.getElementById("q-denial_date").getAttribute("aria-describedby"),
    "q-denial_date-hint q-denial_date-error",
  );
});

test("a fixed problem leaves no trace: message, invalid mark, its reference; the hint stays", () => {
  const { document, form } = page();
  showInlineErrors(form, [FUTURE, { question: "symptom_weeks", message: "Enter a number from 0 to 520." }]);
  showInlineErrors(form, []);
  assert.equal(form.querySelectorAll(".sa-error-message").length, 0);
  const date = document.getElementById("q-denial_date");
  assert.equal(date.getAttribute("aria-invalid"), null);
  assert.equal(date.getAttribute("aria-describedby"), "q-denial_date-hint");
  const weeks = document.getElementById("q-symptom_weeks");
  assert.equal(weeks.hasAttribute("aria-describedby"), false);
  assert.equal(document.querySelector(".sa-question--error"), null);
});

test("every radio of a choice is marked, with the message after the legend", () => {
  const { document, form } = page();
  showInlineErrors(form, [{ question: "urgent", message: "Choose yes or no." }]);
  assert.equal(document.getElementById("q-urgent-error").previousElementSibling.tagName, "LEGEND");
  for (const radio of form.querySelectorAll('[name="urgent"]'))
    assert.equal(radio.getAttribute("aria-invalid"), "true");
});

test("the summary lists each problem with the question's label (without '(optional)'), linked to its input", () => {
  const { document, form } = page();
  const summary = document.getElementById("sa-error-summary");
  let focused = false;
  summary.focus = () => (focused = true);
  showErrorSummary(summary, form, [FUTURE, { question: "symptom_weeks", message: "Enter a whole number, like 6." }]);
  assert.equal(summary.hidden, false);
  assert.ok(focused, "the summary takes focus");
  const links = [...summary.querySelectorAll("li a")];
  assert.deepEqual(
    links.map((a) => [a.getAttribute("href"), a.textContent]),
    [
      ["#q-denial_date", "Date on the denial notice: This date cannot be in the future."],
      ["#q-symptom_weeks", "Weeks with symptoms: Enter a whole number, like 6."],
    ],
  );
});

test("a problem with a question the page does not show names the question's id", () => {
  const { document, form } = page();
  const summary = document.getElementById("sa-error-summary");
  summary.focus = () => {};
  showErrorSummary(summary, form, [{ question: "retired_question", message: "not an answer" }]);
  assert.equal(summary.querySelector("li a").textContent, "retired_question: not an answer");
});

test("no problems: the summary is hidden and emptied", () => {
  const { document, form } = page();
  const summary = document.getElementById("sa-error-summary");
  summary.focus = () => {};
  showErrorSummary(summary, form, [FUTURE]);
  showErrorSummary(summary, form, []);
  assert.equal(summary.hidden, true);
  assert.equal(summary.querySelectorAll("li").length, 0);
});
