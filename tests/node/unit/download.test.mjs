// The letter as a Word-readable file (download.mjs toRTF): what opens in a word processor.
import assert from "node:assert/strict";
import { test } from "node:test";

import { toRTF } from "../../../overrides/assets/self-audit/download.mjs";

function body(rtf) {
  const head = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs24\n";
  assert.ok(rtf.startsWith(head), "an RTF 1 document with one font");
  assert.ok(rtf.endsWith("\n}"));
  return rtf.slice(head.length, -2);
}

test("braces and backslashes in the letter are escaped, so the file stays one valid group", () => {
  assert.equal(body(toRTF("a {b} \\c")), "a \\{b\\} \\\\c");
  const rtf = toRTF("}}}{{{");
  let depth = 0;
  for (let i = 0; i < rtf.length; i += 1) {
    if (rtf[i] === "\\") i += 1;
    else if (rtf[i] === "{") depth += 1;
    else if (rtf[i] === "}") depth -= 1;
    assert.ok(depth >= 0 && (depth > 0 || i === rtf.length - 1), `unbalanced at ${i}`);
  }
});

test("new lines become paragraphs, whatever the line ending; tabs become tabs", () => {
  assert.equal(body(toRTF("one\ntwo\r\nthree\rfour\tend")), "one\\par\ntwo\\par\nthree\\par\nfour\\tab end");
});

test("non-ASCII letters are written as Unicode escapes with a fallback", () => {
  assert.equal(body(toRTF("José")), "Jos\\u233?");
  assert.equal(body(toRTF("“ok” – 5 €")), "\\u8220?ok\\u8221? \\u8211? 5 \\u8364?");
  // RTF's \uN is a signed 16-bit number: characters above 32767 are written negative
  assert.equal(body(toRTF("\uFFFD")), "\\u-3?");
});

test("a character outside the basic plane becomes its two surrogate halves", () => {
  assert.equal(body(toRTF("😀")), "\\u-10179?\\u-8704?");
  assert.equal(body(toRTF("a😀b")), "a\\u-10179?\\u-8704?b");
});

test("plain ASCII is kept as it is", () => {
  const text = "Dear Appeals Unit: Member ID 123-45 (MRI, lumbar spine).";
  assert.equal(body(toRTF(text)), text);
});
