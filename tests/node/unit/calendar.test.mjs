// The deadlines calendar file (calendar.mjs): what a reader's calendar program will show.
import assert from "node:assert/strict";
import { test } from "node:test";

import { deadlinesToICS } from "../../../overrides/assets/self-audit/calendar.mjs";

const NOW = new Date("2026-11-27T10:20:30.456Z");
const CHECK = "Check the date on your own notice and plan documents.";

function deadline(extra = {}) {
  return {
    id: "internal_appeal",
    label: "Ask your plan for an internal appeal",
    date: "2027-05-26",
    kind: "file",
    basis: "180 days after the denial notice",
    citation: "29 CFR 2560.503-1(h)(3)(i)",
    ...extra,
  };
}

// The file's logical lines: folded lines (CRLF + space) joined back, as a calendar program reads them.
function unfold(ics) {
  return ics.replace(/\r\n /g, "").split("\r\n");
}

function events(ics) {
  const lines = unfold(ics);
  const out = [];
  let current = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = [];
    else if (line === "END:VEVENT") (out.push(current), (current = null));
    else if (current) current.push(line);
  }
  return out;
}

function field(lines, name) {
  return lines.find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))?.replace(/^[^:]*:/, "");
}

test("one all-day event on the deadline's date, ending the next day", () => {
  const [event] = events(deadlinesToICS([deadline()], CHECK, NOW));
  assert.equal(field(event, "DTSTART"), "20270526");
  assert.equal(field(event, "DTEND"), "20270527");
  assert.ok(event.includes("DTSTART;VALUE=DATE:20270526"), "an all-day date, not a time");
  assert.equal(field(event, "UID"), "internal_appeal-20270526@second-look");
  assert.equal(field(event, "DTSTAMP"), "20261127T102030Z");
});

test("the next day crosses a month, a leap day and a year", () => {
  const ics = deadlinesToICS(
    [
      deadline({ id: "a", date: "2028-02-28" }),
      deadline({ id: "b", date: "2028-02-29" }),
      deadline({ id: "c", date: "2026-12-31" }),
    ],
    CHECK,
    NOW,
  );
  assert.deepEqual(
    events(ics).map((e) => [field(e, "DTSTART"), field(e, "DTEND")]),
    [
      ["20280228", "20280229"],
      ["20280229", "20280301"],
      ["20261231", "20270101"],
    ],
  );
});

test("a deadline without a date makes no event; the calendar is still valid", () => {
  const ics = deadlinesToICS([deadline({ date: null }), deadline({ id: "x", date: "2027-01-04" })], CHECK, NOW);
  assert.equal(events(ics).length, 1);
  assert.ok(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  assert.equal(events(deadlinesToICS([], CHECK, NOW)).length, 0);
});

test("a filing deadline is titled 'Deadline:'; a decision date is not", () => {
  const [file, decide] = events(
    deadlinesToICS([deadline(), deadline({ id: "decision", kind: "decision", label: "Plan decides" })], CHECK, NOW),
  );
  assert.equal(field(file, "SUMMARY"), "Deadline: Ask your plan for an internal appeal");
  assert.equal(field(decide, "SUMMARY"), "Plan decides");
});

test("commas, semicolons, backslashes and new lines in the text are escaped", () => {
  const [event] = events(
    deadlinesToICS(
      [deadline({ label: "Call, then write; keep a copy \\ file", basis: "line one\nline two", note: "a; b" })],
      CHECK,
      NOW,
    ),
  );
  assert.equal(field(event, "SUMMARY"), "Deadline: Call\\, then write\\; keep a copy \\\\ file");
  const description = field(event, "DESCRIPTION");
  assert.equal(
    description,
    "line one\\nline two\\na\\; b\\nSource: 29 CFR 2560.503-1(h)(3)(i)\\nCheck the date on your own notice and plan documents.",
  );
});

test("every event carries the basis, the citation and the check-your-notice line, and a reminder a week before", () => {
  const ics = deadlinesToICS([deadline()], CHECK, NOW);
  const lines = unfold(ics);
  const description = lines.find((l) => l.startsWith("DESCRIPTION:180 days"));
  assert.ok(description.includes("Source: 29 CFR 2560.503-1(h)(3)(i)"));
  assert.ok(description.endsWith(CHECK));
  const alarm = lines.slice(lines.indexOf("BEGIN:VALARM"), lines.indexOf("END:VALARM") + 1);
  assert.ok(alarm.includes("TRIGGER:-P7D"));
  assert.ok(alarm.includes("DESCRIPTION:In one week: Ask your plan for an internal appeal"));
});

test("long lines are folded at 75 octets without splitting a character", () => {
  const label = "Demande d’appel — résumé ".repeat(12);
  const ics = deadlinesToICS([deadline({ label })], CHECK, NOW);
  for (const line of ics.split("\r\n")) assert.ok(new TextEncoder().encode(line).length <= 75, line);
  assert.ok(ics.includes("\r\n "), "a long line was folded");
  const [event] = events(ics);
  assert.equal(field(event, "SUMMARY"), `Deadline: ${label}`);
});
