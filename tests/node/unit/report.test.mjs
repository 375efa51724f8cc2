// The report's pure helpers (report.mjs): dates as a reader reads them, the screen reader's sentence.
import assert from "node:assert/strict";
import { test } from "node:test";

import { longDate, summarySentence } from "../../../overrides/assets/self-audit/report.mjs";

test("an ISO date reads as a US long date, the same day in every time zone", () => {
  assert.equal(longDate("2027-05-26"), "May 26, 2027");
  assert.equal(longDate("2026-01-01"), "January 1, 2026");
  assert.equal(longDate("2028-02-29"), "February 29, 2028");
});

test("the screen reader's sentence says ready or not, and counts in words that agree", () => {
  assert.equal(summarySentence({ ready: true, missing: [] }), "Report updated: ready to send.");
  assert.equal(summarySentence({ ready: true, missing: ["a"] }), "Report updated: ready to send, 1 optional step left.");
  assert.equal(summarySentence({ ready: true, missing: ["a", "b"] }), "Report updated: ready to send, 2 optional steps left.");
  assert.equal(summarySentence({ ready: false, missing: ["a"] }), "Report updated: not ready yet, 1 thing to do.");
  assert.equal(summarySentence({ ready: false, missing: ["a", "b", "c"] }), "Report updated: not ready yet, 3 things to do.");
});
