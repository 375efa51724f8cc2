// Keep and resume: answers stay in this browser's storage ONLY after the reader opts in, go to a file
// they download, come back from a file they open, and are deleted with one button.
//
// Saved state and files share one shape:
//   {"app": "second-look", "kind": "answers", "format": 1, "schema": 1, "checklist_version": "...",
//    "saved": "ISO time", "answers": {...}, "letters": {"appeal": "edited text", ...},
//    "events_schema": 1, "events": [...]}
// `events` is the appeal file (checklist_engine/events.py), versioned by `events_schema` as the
// answers are by `schema`: a newer events_schema is refused like a newer schema.
//
// Nothing the reader saved is ever lost by this page:
// - the saved state is one key, written whole (answers and letters together) in one setItem, and
//   read back to confirm it was stored;
// - state written by a newer version of the page (a higher `format` or `schema`) is left untouched,
//   and this page does not write over it;
// - state that cannot be read is moved aside (SET_ASIDE_PREFIX + time), never deleted, and can be
//   downloaded.

import { pageLimits } from "./limits.mjs";
import { t } from "./strings.mjs";

export const STORAGE_KEY = "second-look:answers";
export const SET_ASIDE_PREFIX = "second-look:answers:set-aside:";
export const FORMAT = 1;
const ANSWERS_VERSION = 1; // the "schema" key of an answer set
const MAX_FILE_BYTES = 1_000_000;

export const EVENTS_VERSION = 1; // the "events_schema" key beside the events

export class KeepError extends Error {}

// The envelope with the appeal file's events (saved and exported together with the answers).
export function withEvents(data, events) {
  return { ...data, events_schema: EVENTS_VERSION, events: Array.isArray(events) ? events : [] };
}

export function envelope(answers, letters, checklistVersion, now = new Date()) {
  return {
    app: "second-look",
    kind: "answers",
    format: FORMAT,
    schema: ANSWERS_VERSION,
    checklist_version: checklistVersion,
    saved: now.toISOString(),
    answers,
    letters,
  };
}

// The question whose answer is nested more than `limit` levels deep, or null. Iterative: a file
// nested 100,000 levels deep must not exhaust the page's stack either.
export function tooDeep(answers, limit = pageLimits().depth) {
  for (const [id, value] of Object.entries(answers)) {
    const stack = [[value, 1]];
    while (stack.length) {
      const [node, depth] = stack.pop();
      if (depth > limit) return id;
      if (node && typeof node === "object") for (const child of Object.values(node)) stack.push([child, depth + 1]);
    }
  }
  return null;
}

function isObject(value) {
  return Boolean(value) && typeof value === "object" && !Array.isArray(value);
}

// A parsed file or saved state -> {answers, letters, checklistVersion, events, eventsUnreadable}
// (events: the raw list, for the engine to check one by one), or a KeepError saying
// plainly what is wrong (`newer: true` when a newer version of the page wrote it).
export function unwrap(data) {
  if (!isObject(data)) throw new KeepError(t("This is not a Second Look answers file."));
  const isEnvelope = data.app === "second-look";
  if (isEnvelope && (data.format ?? 1) > FORMAT) {
    throw Object.assign(
      new KeepError(t("This file was made by a newer version of Second Look. Reload the page and try again.")),
      { newer: true },
    );
  }
  if (isEnvelope && typeof data.events_schema === "number" && data.events_schema > EVENTS_VERSION) {
    throw Object.assign(
      new KeepError(t("This file was made by a newer version of Second Look. Reload the page and try again.")),
      { newer: true },
    );
  }
  const answers = isEnvelope ? data.answers : "schema" in data ? data : null;
  if (!isObject(answers)) {
    throw new KeepError(
      isEnvelope ? t("This file has no answers in it.") : t("This is not a Second Look answers file."),
    );
  }
  const version = answers.schema ?? data.schema ?? ANSWERS_VERSION;
  if (typeof version === "number" && version > ANSWERS_VERSION) {
    throw Object.assign(
      new KeepError(t("This file was made by a newer version of Second Look. Reload the page and try again.")),
      { newer: true },
    );
  }
  if (version !== ANSWERS_VERSION) throw new KeepError(t("This is not a Second Look answers file."));
  const deep = tooDeep(answers);
  if (deep !== null)
    throw new KeepError(t('The answer to "{question}" in this file is not one this page can use.', { question: deep }));
  const letters = isEnvelope && isObject(data.letters) ? data.letters : {};
  const cleanLetters = Object.fromEntries(Object.entries(letters).filter(([, v]) => typeof v === "string"));
  const hasEvents = isEnvelope && data.events !== undefined;
  // an event nested deeper than a field holding a list is no event: the engine names it
  const events =
    hasEvents && Array.isArray(data.events)
      ? data.events.map((e) => (tooDeep({ e }, 3) === null ? e : "nested too deeply"))
      : [];
  return {
    answers: { ...answers, schema: ANSWERS_VERSION },
    letters: cleanLetters,
    checklistVersion: data.checklist_version ?? null,
    events,
    eventsUnreadable: hasEvents && !Array.isArray(data.events),
  };
}

export function parse(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch {
    throw new KeepError(t("This file could not be read. Choose the .json file you downloaded from this page."));
  }
  return unwrap(data);
}

export async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) throw new KeepError(t("This file is too large to be a Second Look answers file."));
  return parse(await file.text());
}

// What a saved state holds, for comparing two states (the time of saving left out).
export function contentOf(answers, letters, events = []) {
  return JSON.stringify([answers, letters, events ?? []]);
}

function storage() {
  return window.localStorage; // may throw (storage turned off): callers catch
}

// The browser's storage can be missing, refused or full (private windows, strict settings): never fatal.
export const store = {
  // {state: "ok", answers, letters} | {state: "empty"} | {state: "unavailable"}
  // | {state: "newer"} (kept as it is) | {state: "unreadable", setAside: key | null}
  load() {
    let text;
    try {
      text = storage().getItem(STORAGE_KEY);
    } catch {
      return { state: "unavailable" };
    }
    if (text === null) return { state: "empty" };
    try {
      return { state: "ok", ...parse(text) };
    } catch (error) {
      if (error.newer) return { state: "newer" };
      return { state: "unreadable", setAside: this.setAside(text) };
    }
  },
  // Parse a value seen in a `storage` event from another tab, the same way.
  read(text) {
    if (text === null) return { state: "empty" };
    try {
      return { state: "ok", ...parse(text) };
    } catch (error) {
      return { state: error.newer ? "newer" : "unreadable" };
    }
  },
  // Move unreadable saved text aside; the main key is cleared only once the copy is confirmed.
  setAside(text, now = new Date()) {
    const key = SET_ASIDE_PREFIX + now.toISOString();
    try {
      storage().setItem(key, text);
      if (storage().getItem(key) !== text) return null;
      storage().removeItem(STORAGE_KEY);
      return key;
    } catch {
      return null; // left where it was: still not deleted
    }
  },
  setAsideItems() {
    try {
      const s = storage();
      const keys = [];
      for (let i = 0; i < s.length; i += 1) if (s.key(i)?.startsWith(SET_ASIDE_PREFIX)) keys.push(s.key(i));
      return keys.sort().map((key) => ({ key, text: s.getItem(key) }));
    } catch {
      return [];
    }
  },
  // Write the whole state in one step, then read it back: true only when it is really stored.
  save(data) {
    const text = JSON.stringify(data);
    try {
      storage().setItem(STORAGE_KEY, text);
      return storage().getItem(STORAGE_KEY) === text;
    } catch {
      return false;
    }
  },
  remove({ setAside = false } = {}) {
    try {
      storage().removeItem(STORAGE_KEY);
      if (setAside) for (const { key } of this.setAsideItems()) storage().removeItem(key);
    } catch {
      /* nothing stored, nothing to remove */
    }
  },
};
