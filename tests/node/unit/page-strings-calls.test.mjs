// Every t() in the page scripts is given a plain string literal, the form that
// sitebuild/page_strings.py finds and puts in the Spanish catalogue: a t(variable) or a t(`template`)
// would show English on a Spanish page with no test to say so.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { test } from "node:test";

import * as espree from "espree";

const FOLDER = new URL("../../../overrides/assets/self-audit/", import.meta.url);

// The calls to `t` in a script whose first argument is not a string literal: "file:line".
function hiddenCalls(source, name) {
  const ast = espree.parse(source, { ecmaVersion: "latest", sourceType: "module", loc: true });
  const found = [];
  const walk = (node) => {
    if (!node || typeof node.type !== "string") return;
    if (node.type === "CallExpression" && node.callee.type === "Identifier" && node.callee.name === "t") {
      const first = node.arguments[0];
      if (!(first?.type === "Literal" && typeof first.value === "string")) found.push(`${name}:${node.loc.start.line}`);
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value.type === "string") walk(value);
    }
  };
  walk(ast);
  return found;
}

test("every t() in the page scripts is given a string literal", () => {
  const scripts = readdirSync(FOLDER).filter((f) => f.endsWith(".mjs"));
  assert.ok(scripts.includes("explain.mjs"));
  const found = scripts.flatMap((f) => hiddenCalls(readFileSync(new URL(f, FOLDER), "utf8"), f));
  assert.deepEqual(found, [], "t() given something other than a string literal");
});

test("a t(variable) and a t(`template`) are found, a t('literal') is not", () => {
  const source = 'const a = t(words);\nconst b = t(`Hello ${name}`);\nconst c = t("Next", { n });\nconst d = x.t(y);\n';
  assert.deepEqual(hiddenCalls(source, "x.mjs"), ["x.mjs:1", "x.mjs:2"]);
});
