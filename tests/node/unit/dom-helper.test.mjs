// The one DOM helper (dom.mjs el) the page modules build their parts with.
import assert from "node:assert/strict";
import { test } from "node:test";

import { el } from "../../../overrides/assets/self-audit/dom.mjs";
import { page } from "./dom.mjs";

test("text goes in as text, never as markup", () => {
  page();
  const node = el("p", { className: "x", textContent: "<b>not bold</b>" }, " and ", el("em", {}, "<i>"));
  assert.equal(node.outerHTML, '<p class="x">&lt;b&gt;not bold&lt;/b&gt; and <em>&lt;i&gt;</em></p>');
});

test("an attribute that is true is present, false, null or undefined is left out; so is such a child", () => {
  page();
  const node = el(
    "div",
    { "data-a": true, "data-b": false, "data-c": null, "data-d": undefined, rows: 4 },
    false,
    null,
  );
  assert.deepEqual(
    [...node.getAttributeNames()].sort().map((name) => [name, node.getAttribute(name)]),
    [
      ["data-a", ""],
      ["rows", "4"],
    ],
  );
  assert.equal(node.childNodes.length, 0);
});

test("properties are set as properties, and an on... function listens", () => {
  page();
  let clicks = 0;
  const box = el("input", { type: "checkbox", checked: true, hidden: true, onclick: () => (clicks += 1) });
  assert.equal(box.checked, true);
  assert.equal(box.hidden, true);
  box.dispatchEvent(new globalThis.document.defaultView.Event("click"));
  assert.equal(clicks, 1);
});

test("a `text` key is refused, not set as an attribute that leaves the node empty", () => {
  page();
  assert.throws(() => el("button", { text: "Print" }), /textContent, not text/);
});
