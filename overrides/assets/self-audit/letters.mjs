// The two letter drafts: filled in by the engine, editable by the reader, copied, downloaded, printed.
// Once the reader edits a letter it stops following the answers (their words are never overwritten)
// until they ask to rebuild it.

import { download, toRTF } from "./download.mjs";
import { printOnly } from "./print.mjs";

const FILE_NAMES = { appeal: "appeal-letter", doctor: "request-to-doctor" };

async function copyText(textarea) {
  try {
    await navigator.clipboard.writeText(textarea.value);
    return true;
  } catch {
    textarea.select();
    return document.execCommand("copy"); // older browsers, or clipboard permission refused
  }
}

function panel(root, onChange) {
  const kind = root.dataset.letter;
  const textarea = root.querySelector("textarea");
  const edited = root.querySelector(".sa-letter-edited");
  const status = root.querySelector('[data-role="letter-status"]');
  const printCopy = root.querySelector(".sa-print-copy");
  let generated = "";
  let isEdited = false;

  function setEdited(value) {
    isEdited = value;
    edited.hidden = !value;
  }
  function sync() {
    printCopy.textContent = textarea.value;
  }

  textarea.addEventListener("input", () => {
    setEdited(textarea.value !== generated);
    sync();
    onChange();
  });
  root.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!action) return;
    const name = FILE_NAMES[kind] ?? kind;
    if (action === "rebuild") {
      textarea.value = generated;
      setEdited(false);
      sync();
      onChange();
      status.textContent = "The letter was rebuilt from your answers.";
      textarea.focus();
    } else if (action === "copy") {
      status.textContent = (await copyText(textarea)) ? "Copied. You can paste it into an email or a document." : "Could not copy. Select the text and copy it yourself.";
    } else if (action === "txt") {
      download(`${name}.txt`, textarea.value);
      status.textContent = `Downloaded ${name}.txt.`;
    } else if (action === "rtf") {
      download(`${name}.rtf`, toRTF(textarea.value), "application/rtf");
      status.textContent = `Downloaded ${name}.rtf. It opens in Word and other word processors.`;
    } else if (action === "print") {
      sync();
      printOnly(root);
    }
  });

  return {
    kind,
    update(text) {
      generated = text;
      if (!isEdited) {
        textarea.value = text;
        sync();
      }
    },
    restore(text) {
      if (typeof text !== "string") return;
      textarea.value = text;
      setEdited(text !== generated);
      sync();
    },
    saved: () => (isEdited ? textarea.value : null),
    reset() {
      generated = "";
      textarea.value = "";
      setEdited(false);
      sync();
      status.textContent = "";
    },
  };
}

export function createLetters(section, { onChange }) {
  const panels = new Map([...section.querySelectorAll(".sa-letter")].map((root) => {
    const p = panel(root, onChange);
    return [p.kind, p];
  }));
  return {
    kinds: [...panels.keys()],
    update: (kind, text) => panels.get(kind)?.update(text),
    // Edited letters only: a letter that follows the answers is rebuilt from them.
    saved: () => Object.fromEntries([...panels].map(([kind, p]) => [kind, p.saved()]).filter(([, text]) => text !== null)),
    restore(saved) {
      for (const [kind, text] of Object.entries(saved ?? {})) panels.get(kind)?.restore(text);
    },
    reset: () => panels.forEach((p) => p.reset()),
  };
}
