// Keep and resume: answers stay in this browser's storage ONLY after the reader opts in, go to a file
// they download, come back from a file they open, and are deleted with one button.
//
// Saved state and files share one shape:
//   {"app": "second-look", "kind": "answers", "schema": 1, "checklist_version": "...",
//    "saved": "ISO time", "answers": {...}, "letters": {"appeal": "edited text", ...}}

export const STORAGE_KEY = "second-look:answers";
const MAX_FILE_BYTES = 1_000_000;

export class KeepError extends Error {}

export function envelope(answers, letters, checklistVersion, now = new Date()) {
  return { app: "second-look", kind: "answers", schema: 1, checklist_version: checklistVersion, saved: now.toISOString(), answers, letters };
}

// A parsed file or saved state -> {answers, letters}, or a KeepError saying plainly what is wrong.
export function unwrap(data) {
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new KeepError("This is not a Second Look answers file.");
  const isEnvelope = data.app === "second-look" && data.answers && typeof data.answers === "object" && !Array.isArray(data.answers);
  const answers = isEnvelope ? data.answers : "schema" in data ? data : null;
  if (!answers) throw new KeepError("This is not a Second Look answers file.");
  const schema = answers.schema ?? data.schema ?? 1;
  if (schema !== 1) throw new KeepError("This file was made by a newer version of Second Look. Reload the page and try again.");
  const letters = isEnvelope && data.letters && typeof data.letters === "object" ? data.letters : {};
  const cleanLetters = Object.fromEntries(Object.entries(letters).filter(([, v]) => typeof v === "string"));
  return { answers: { ...answers, schema: 1 }, letters: cleanLetters, checklistVersion: data.checklist_version ?? null };
}

export async function readFile(file) {
  if (file.size > MAX_FILE_BYTES) throw new KeepError("This file is too large to be a Second Look answers file.");
  let data;
  try {
    data = JSON.parse(await file.text());
  } catch {
    throw new KeepError("This file could not be read. Choose the .json file you downloaded from this page.");
  }
  return unwrap(data);
}

// The browser's storage can be missing or refused (private windows, strict settings): never fatal.
export const store = {
  load() {
    let text;
    try {
      text = window.localStorage.getItem(STORAGE_KEY);
    } catch {
      return { state: "unavailable" };
    }
    if (text === null) return { state: "empty" };
    try {
      return { state: "ok", ...unwrap(JSON.parse(text)) };
    } catch {
      this.remove();
      return { state: "corrupt" };
    }
  },
  save(data) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(data));
      return true;
    } catch {
      return false;
    }
  },
  remove() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      /* nothing stored, nothing to remove */
    }
  },
};
