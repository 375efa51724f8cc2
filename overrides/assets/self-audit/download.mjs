// Save text as a file on the reader's device. Nothing is uploaded: the file is made in the page.

export function download(filename, text, type = "text/plain") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

// Plain text as a Rich Text Format document, which Word and every word processor open.
export function toRTF(text) {
  const body = [...text.replace(/\r\n?/g, "\n")]
    .map((ch) => {
      if (ch === "\\" || ch === "{" || ch === "}") return `\\${ch}`;
      if (ch === "\n") return "\\par\n";
      if (ch === "\t") return "\\tab ";
      const code = ch.codePointAt(0);
      if (code < 128) return ch;
      if (code < 0x10000) return `\\u${code > 32767 ? code - 65536 : code}?`;
      const high = Math.floor((code - 0x10000) / 0x400) + 0xd800;
      const low = ((code - 0x10000) % 0x400) + 0xdc00;
      return `\\u${high - 65536}?\\u${low - 65536}?`;
    })
    .join("");
  return `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Calibri;}}\\f0\\fs24\n${body}\n}`;
}
