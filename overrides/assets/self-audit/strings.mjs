// The page's own words in the page's language. The English is the key, where it is used: t(text)
// or t(text, values) for a text with {name} placeholders. The build puts the page language's catalogue
// (sitebuild/page_strings.<lang>.toml, English -> translation) on #self-audit as data-strings; an
// English page has none, so the English stands. `python -m sitebuild.page_strings status` lists the
// texts with no translation.

// Read at the first call that finds #self-audit (the engine's start script may load before the
// page's markup is parsed), then kept.
let table = null;

function catalogue() {
  if (table) return table;
  const root = globalThis.document?.getElementById("self-audit");
  if (!root) return {};
  try {
    table = Object.freeze(JSON.parse(root.dataset.strings || "{}"));
  } catch {
    table = Object.freeze({});
  }
  return table;
}

export function t(english, values = {}) {
  const known = catalogue();
  const text = Object.hasOwn(known, english) ? known[english] : english;
  return text.replace(/\{([a-z_]+)\}/g, (whole, name) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}

// The page's language: "es" on /es/self-audit/, else "en" (the engine's languages).
export function pageLang() {
  return (globalThis.document?.documentElement.lang ?? "en").toLowerCase().startsWith("es") ? "es" : "en";
}

// The page's locale for dates the page writes itself ("es-US" on a Spanish page).
export function locale() {
  return `${pageLang()}-US`;
}
