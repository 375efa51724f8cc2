// A PDF's text, read in this browser with PDF.js (pdfjs-dist, self-hosted under the site, see
// sitebuild/reader_tools.py). Loaded only when the reader opens a PDF. Nothing leaves the page.
//
// PDF.js is told not to compile code from the PDF (isEvalSupported: false) and not to add fonts to
// the page (disableFontFace): only the text is wanted. A PDF with (almost) no text is a scan.

export const MAX_PAGES = 30;
export const SCAN_CHARS = 20; // fewer letters than this on every page: a picture of a letter

export async function pdfText(file, folderURL) {
  const pdfjs = await import(new URL("pdf.min.mjs", folderURL).href);
  pdfjs.GlobalWorkerOptions.workerSrc = new URL("pdf.worker.min.mjs", folderURL).href;
  const data = new Uint8Array(await file.arrayBuffer());
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    disableFontFace: true,
    enableXfa: false,
    useSystemFonts: false,
  });
  const doc = await task.promise;
  try {
    const pages = [];
    for (let n = 1; n <= Math.min(doc.numPages, MAX_PAGES); n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = "";
      for (const item of content.items) {
        if (typeof item.str !== "string") continue;
        text += item.str;
        if (item.hasEOL) text += "\n";
      }
      pages.push(text.trim());
      page.cleanup();
    }
    const text = pages.join("\n\n");
    const letters = (text.match(/[A-Za-z]/g) ?? []).length;
    return { text, pages: doc.numPages, read: pages.length, scanned: letters < SCAN_CHARS };
  } finally {
    await task.destroy();
  }
}
