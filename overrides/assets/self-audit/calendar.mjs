// The reader's deadlines as an iCalendar (.ics) file: one all-day event per dated deadline, with a
// reminder a week before (or `alarm`, an iCalendar duration), its basis and citation, and the
// "check your own notice" line. The appeal file's open decision clocks join them (clocksAsDeadlines).
// Its own words are the page's (t(), strings.mjs).
import { t } from "./strings.mjs";

function escapeText(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

// Lines longer than 75 octets are folded (RFC 5545, 3.1).
function fold(line) {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts = [];
  let current = "";
  let size = 0;
  for (const ch of line) {
    const n = new TextEncoder().encode(ch).length;
    if (size + n > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += ch;
    size += n;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function compact(isoDate) {
  return isoDate.replaceAll("-", "");
}

function nextDay(isoDate) {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

export function deadlinesToICS(deadlines, checkNotice, now = new Date()) {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Second Look//Appeal deadlines//EN", "CALSCALE:GREGORIAN"];
  for (const d of deadlines.filter((d) => d.date)) {
    const description = [d.basis, d.note, t("Source: {citation}", { citation: d.citation }), checkNotice]
      .filter(Boolean)
      .join("\n");
    lines.push(
      "BEGIN:VEVENT",
      `UID:${d.id}-${compact(d.date)}@second-look`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(d.date)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(d.date))}`,
      `SUMMARY:${escapeText(d.kind === "file" ? t("Deadline: {label}", { label: d.label }) : d.label)}`,
      `DESCRIPTION:${escapeText(description)}`,
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `TRIGGER:${d.alarm ?? "-P7D"}`,
      `DESCRIPTION:${escapeText(d.alarm ? t("Tomorrow: {label}", { label: d.label }) : t("In one week: {label}", { label: d.label }))}`,
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}

// The clocks still running (a decision or a promise not yet due), as deadlines for the calendar:
// the headline as the title, the basis, the rule's note, what to do and the source, a reminder the
// day before. Passed, decided and done clocks are left out.
export function clocksAsDeadlines(clocks = []) {
  return clocks
    .filter((c) => c.date && (c.status === "upcoming" || c.status === "today"))
    .map((c) => ({
      id: `clock-${c.id.replace(/[^A-Za-z0-9_-]/g, "-")}`,
      date: c.date,
      label: `${c.headline} (${c.label})`,
      basis: c.basis,
      note: c.note,
      citation: c.citation ?? t("your appeal file"),
      kind: "decision",
      alarm: "-P1D",
    }));
}
