// The report's pure helper (report.mjs): the screen reader's sentence. (Dates come in words from the
// engine: a deadline's date_text.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { summarySentence } from "../../../overrides/assets/self-audit/report.mjs";

test("the screen reader's sentence says ready or not, and counts in words that agree", () => {
  assert.equal(summarySentence({ ready: true, missing: [] }), "Report updated: ready to send.");
  assert.equal(
    summarySentence({ ready: true, missing: ["a"] }),
    "Report updated: ready to send, 1 optional step left.",
  );
  assert.equal(
    summarySentence({ ready: true, missing: ["a", "b"] }),
    "Report updated: ready to send, 2 optional steps left.",
  );
  assert.equal(summarySentence({ ready: false, missing: ["a"] }), "Report updated: not ready yet, 1 thing to do.");
  assert.equal(
    summarySentence({ ready: false, missing: ["a", "b", "c"] }),
    "Report updated: not ready yet, 3 things to do.",
  );
});
