// Saved answers (keep.mjs): a file or saved state comes back as the reader left it, a newer one is
// refused without being touched, and nothing unreadable is ever deleted.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import {
  envelope,
  FORMAT,
  KeepError,
  parse,
  readFile,
  SET_ASIDE_PREFIX,
  STORAGE_KEY,
  store,
  tooDeep,
  unwrap,
  withEvents,
} from "../../../overrides/assets/self-audit/keep.mjs";
import { LIMITS, page } from "./dom.mjs";

page(); // the page's data-limits: saved answers may nest LIMITS.depth levels
const MAX_DEPTH = LIMITS.depth;

const NEWER = "This file was made by a newer version of Second Look. Reload the page and try again.";
const NOT_OURS = "This is not a Second Look answers file.";
const ANSWERS = { schema: 1, stage: "claim", plan_type: "employer", red_flags: ["cancer"] };

function nested(depth) {
  let value = "x";
  for (let i = 1; i < depth; i += 1) value = [value];
  return value;
}

test("a saved file comes back whole: answers, edited letters, checklist version", () => {
  const saved = envelope(ANSWERS, { appeal: "My edited letter" }, "2026.11", new Date("2026-11-27T00:00:00Z"));
  assert.equal(saved.saved, "2026-11-27T00:00:00.000Z");
  const back = parse(JSON.stringify(saved));
  assert.deepEqual(back, {
    answers: ANSWERS,
    letters: { appeal: "My edited letter" },
    checklistVersion: "2026.11",
    events: [],
    eventsUnreadable: false,
  });
});

test("the appeal file's events travel with the answers and come back as they were", () => {
  const events = [{ id: "e1", type: "call", date: "2026-11-20", who: "plan", said: "<b>not markup</b>" }];
  const back = parse(JSON.stringify(withEvents(envelope(ANSWERS, {}, "2026.11"), events)));
  assert.deepEqual(back.events, events);
  assert.equal(back.eventsUnreadable, false);
});

test("a bare answers object (an older export) is accepted", () => {
  assert.deepEqual(unwrap({ schema: 1, stage: "claim" }), {
    answers: { schema: 1, stage: "claim" },
    letters: {},
    checklistVersion: null,
    events: [],
    eventsUnreadable: false,
  });
});

test("a file from a newer page (format or schema) is refused with the user message, marked newer", () => {
  for (const data of [
    { ...envelope(ANSWERS, {}, "v"), format: FORMAT + 1 },
    { ...envelope({ ...ANSWERS, schema: 2 }, {}, "v") },
    { schema: 2, stage: "claim" },
  ]) {
    assert.throws(
      () => unwrap(data),
      (error) => error instanceof KeepError && error.message === NEWER && error.newer === true,
    );
  }
});

test("what is not an answers file is refused in plain words, never as newer", () => {
  const cases = [
    [null, NOT_OURS],
    [[1, 2], NOT_OURS],
    ["text", NOT_OURS],
    [{ stage: "claim" }, NOT_OURS],
    [{ schema: "1", stage: "claim" }, NOT_OURS],
    [{ app: "second-look", format: 1 }, "This file has no answers in it."],
    [{ app: "second-look", answers: [1] }, "This file has no answers in it."],
  ];
  for (const [data, message] of cases) {
    assert.throws(
      () => unwrap(data),
      (error) => error instanceof KeepError && error.message === message && !error.newer,
      JSON.stringify(data),
    );
  }
  assert.throws(() => parse("{not json"), { message: /could not be read/ });
});

test("an answer nested deeper than the page's limit (from the build) is refused, naming the question", () => {
  assert.equal(tooDeep({ a: nested(MAX_DEPTH) }), null);
  assert.equal(tooDeep({ a: "x", b: nested(MAX_DEPTH + 1) }), "b");
  assert.equal(tooDeep({ a: nested(100_000) }), "a", "deep nesting does not exhaust the stack");
  assert.throws(() => unwrap({ schema: 1, red_flags: nested(MAX_DEPTH + 1) }), {
    message: 'The answer to "red_flags" in this file is not one this page can use.',
  });
});

test("letters that are not text are dropped; answers keep schema 1", () => {
  const back = unwrap({ app: "second-look", answers: { stage: "claim" }, letters: { appeal: "ok", doctor: 5 } });
  assert.deepEqual(back.letters, { appeal: "ok" });
  assert.equal(back.answers.schema, 1);
});

test("a file larger than an answers file can be is refused before it is read", async () => {
  let read = false;
  const big = { size: 2_000_000, text: async () => ((read = true), "{}") };
  await assert.rejects(readFile(big), { message: /too large/ });
  assert.equal(read, false);
  const small = { size: 40, text: async () => JSON.stringify({ schema: 1, stage: "claim" }) };
  assert.deepEqual((await readFile(small)).answers, { schema: 1, stage: "claim" });
});

// A localStorage stand-in: a Map behind the Storage methods the page uses.
function fakeStorage({ failWrites = false } = {}) {
  const items = new Map();
  return {
    items,
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => (items.has(k) ? items.get(k) : null),
    setItem(k, v) {
      if (failWrites) throw new Error("QuotaExceededError");
      items.set(k, String(v));
    },
    removeItem: (k) => items.delete(k),
  };
}

afterEach(() => {
  delete globalThis.window;
});

test("store: saved state is read back; nothing saved is 'empty'; no storage is 'unavailable'", () => {
  globalThis.window = { localStorage: fakeStorage() };
  assert.deepEqual(store.load(), { state: "empty" });
  assert.equal(store.save(envelope(ANSWERS, {}, "v")), true);
  const loaded = store.load();
  assert.equal(loaded.state, "ok");
  assert.deepEqual(loaded.answers, ANSWERS);
  globalThis.window = {
    get localStorage() {
      throw new Error("SecurityError");
    },
  };
  assert.deepEqual(store.load(), { state: "unavailable" });
  assert.equal(store.save(envelope(ANSWERS, {}, "v")), false);
});

test("store: a save the browser refuses reports false", () => {
  globalThis.window = { localStorage: fakeStorage({ failWrites: true }) };
  assert.equal(store.save(envelope(ANSWERS, {}, "v")), false);
});

test("store: a newer saved state is left exactly as it was", () => {
  const storage = fakeStorage();
  globalThis.window = { localStorage: storage };
  const newer = JSON.stringify({ ...envelope(ANSWERS, {}, "v"), format: FORMAT + 1 });
  storage.setItem(STORAGE_KEY, newer);
  assert.deepEqual(store.load(), { state: "newer" });
  assert.equal(storage.getItem(STORAGE_KEY), newer);
  assert.equal(storage.length, 1);
});

test("store: unreadable saved text is moved aside, never deleted, and can be listed", () => {
  const storage = fakeStorage();
  globalThis.window = { localStorage: storage };
  storage.setItem(STORAGE_KEY, '{"app": "second-look", "answers": {"stage": "cla');
  const result = store.load();
  assert.equal(result.state, "unreadable");
  assert.ok(result.setAside.startsWith(SET_ASIDE_PREFIX));
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.deepEqual(store.setAsideItems(), [
    { key: result.setAside, text: '{"app": "second-look", "answers": {"stage": "cla' },
  ]);
  store.remove({ setAside: true });
  assert.equal(storage.length, 0);
});

test("store: when the copy cannot be made, the unreadable text stays where it was", () => {
  const storage = fakeStorage();
  globalThis.window = { localStorage: storage };
  storage.items.set(STORAGE_KEY, "garbage");
  storage.setItem = () => {
    throw new Error("QuotaExceededError");
  };
  assert.deepEqual(store.load(), { state: "unreadable", setAside: null });
  assert.equal(storage.getItem(STORAGE_KEY), "garbage");
});

test("store.read: another tab's value is read the same way", () => {
  assert.deepEqual(store.read(null), { state: "empty" });
  assert.equal(store.read("nope").state, "unreadable");
  assert.equal(store.read(JSON.stringify({ schema: 9 })).state, "newer");
  assert.equal(store.read(JSON.stringify(envelope(ANSWERS, {}, "v"))).state, "ok");
});
