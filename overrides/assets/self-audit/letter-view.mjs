// One letter in its own view: a native modal <dialog>. Focus moves into it; Escape or Close closes
// it and focus goes back to the button that opened it. The letter is on screen once, in a textarea
// that wraps at any width; Copy, Download (.txt, .rtf) and Print (the letter alone) act on what the
// reader sees, edits included.

import { el } from "./dom.mjs";
import { download, toRTF } from "./download.mjs";
import { printOnly } from "./print.mjs";
import { t } from "./strings.mjs";

async function copyText(textarea) {
  try {
    await navigator.clipboard.writeText(textarea.value);
    return true;
  } catch {
    // older browsers, or clipboard permission refused: the letter is selected, so the reader can
    // copy it with the keyboard or the menu if the old copy command fails too
    textarea.focus();
    textarea.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    }
  }
}

// letter: {kind, title, hint, fileName, text(), generated(), edit(text), reading()}: what the view
// shows and where an edit goes (letters.mjs keeps the texts, so an edit survives closing the view).
// On a page in another language, reading() is the same letter in that language, to read: shown
// paragraph by paragraph under "See the letter in Spanish", with its own download (.txt).
export function createLetterView(dialog, printCopy) {
  const title = dialog.querySelector("#sa-letter-view-title");
  const hint = dialog.querySelector("#sa-letter-view-hint");
  const textarea = dialog.querySelector("textarea");
  const edited = dialog.querySelector(".sa-letter-edited");
  const status = dialog.querySelector('[data-role="letter-status"]');
  const reading = dialog.querySelector('[data-role="letter-reading"]'); // null on an English page
  const readingEdited = dialog.querySelector(".sa-letter-reading-edited");
  title.tabIndex = -1;
  let current = null; // the letter shown
  let opener = null; // the button that opened the view

  function showEdited() {
    edited.hidden = textarea.value === current.generated();
    if (readingEdited) readingEdited.hidden = edited.hidden;
  }

  // The letter in the reader's language, one paragraph to a <p> (text only, never HTML).
  function showReading() {
    if (!reading) return;
    const text = current.reading();
    const paragraphs = text
      .split(/\n\s*\n/)
      .map((p) => p.trimEnd())
      .filter((p) => p.trim());
    reading.replaceChildren(
      ...(paragraphs.length
        ? paragraphs.map((p) => el("p", { textContent: p }))
        : [el("p", { textContent: t("The Spanish version is not ready yet.") })]),
    );
  }

  function fillPrintCopy() {
    printCopy.textContent = textarea.value;
  }

  textarea.addEventListener("input", () => {
    current?.edit(textarea.value);
    showEdited();
  });

  dialog.addEventListener("click", async (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (!action || !current) return;
    const name = current.fileName;
    if (action === "close") {
      dialog.close();
    } else if (action === "rebuild") {
      textarea.value = current.generated();
      current.edit(textarea.value);
      showEdited();
      status.textContent = t("The letter was rebuilt from your answers.");
      textarea.focus();
    } else if (action === "copy") {
      status.textContent = (await copyText(textarea))
        ? t("Copied. You can paste it into an email or a document.")
        : t(
            "Could not copy by itself. The letter is selected: copy it with your keyboard (Ctrl+C, or Cmd+C on a Mac).",
          );
    } else if (action === "txt") {
      download(`${name}.txt`, textarea.value);
      status.textContent = t("Downloaded {name}.", { name: `${name}.txt` });
    } else if (action === "rtf") {
      download(`${name}.rtf`, toRTF(textarea.value), "application/rtf");
      status.textContent = t("Downloaded {name}. It opens in Word and other word processors.", { name: `${name}.rtf` });
    } else if (action === "reading-txt") {
      const text = current.reading();
      if (!text) return;
      download(`${name}-es.txt`, text);
      status.textContent = t("Downloaded {name}.", { name: `${name}-es.txt` });
    } else if (action === "print") {
      fillPrintCopy();
      printOnly(printCopy);
    }
  });

  // Printing while the view is open (the browser's own Print command too) prints this letter alone.
  window.addEventListener("beforeprint", () => {
    if (!dialog.open || document.body.classList.contains("sa-printing-one")) return;
    fillPrintCopy();
    printOnly(printCopy, { print: false });
  });
  window.addEventListener("afterprint", () => {
    printCopy.textContent = "";
  });

  dialog.addEventListener("close", () => {
    const kind = current?.kind;
    current = null;
    status.textContent = "";
    // back to the button that opened the view; if the list was redrawn meanwhile, its new button
    const back = opener?.isConnected
      ? opener
      : document.querySelector(`[data-open-letter="${CSS.escape(kind ?? "")}"]`);
    opener = null;
    back?.focus();
  });

  return {
    open(letter, from) {
      current = letter;
      opener = from ?? null;
      title.textContent = letter.title;
      hint.textContent = letter.hint;
      textarea.value = letter.text();
      status.textContent = "";
      showEdited();
      showReading();
      if (!dialog.open) dialog.showModal();
      title.focus();
    },
    // the answers changed while the view is open (another tab): a letter the reader has not edited
    // follows them
    refresh(kind) {
      if (!current || current.kind !== kind) return;
      if (textarea.value !== current.text()) textarea.value = current.text();
      showEdited();
      showReading();
    },
    close() {
      if (dialog.open) dialog.close();
    },
    get kind() {
      return dialog.open ? (current?.kind ?? null) : null;
    },
  };
}
