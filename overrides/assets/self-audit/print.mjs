// Print one part of the page (a letter) instead of the whole summary; the print stylesheet does the rest.

export function printOnly(element) {
  element.classList.add("sa-print-target");
  document.body.classList.add("sa-printing-one");
  const done = () => {
    element.classList.remove("sa-print-target");
    document.body.classList.remove("sa-printing-one");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}
