// The checklist items as the two renderers show them: the static page's (sitebuild/checklist_html.py
// render_item, given as HTML) and the live report's (report.mjs renderReport), read the same way.
//
//   node tests/node/item_markup.mjs < [{"report": REPORT, "static": [HTML of each missing item]}]
//
// Prints one JSON line: for each report, [static items, report items], each item as
// {id, severity, title, label, why, fix, href, link}.
import { renderReport } from "../../overrides/assets/self-audit/report.mjs";
import { page } from "./unit/dom.mjs";

const SITE = "https://example.org/second-look/";
const words = (node) => (node?.textContent ?? "").replace(/\s+/g, " ").trim();

function read(li) {
  const more = li.querySelector("a.sa-more");
  return {
    id: li.dataset.item,
    severity: li.dataset.severity,
    title: words(li.querySelector(".sa-item-title, .sa-missing-title")),
    label: words(li.querySelector(`.sa-severity.sa-severity--${li.dataset.severity}`)),
    why: words(li.querySelector(".sa-why")),
    fix: words(li.querySelector(".sa-fix") ?? more?.closest("p")),
    href: more ? new URL(more.getAttribute("href"), SITE).href : null,
    link: words(more) || null,
  };
}

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const cases = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const out = cases.map(({ report, static: html, titles }) => {
  const { document } = page(`<ul id="static">${html.join("")}</ul><div id="sa-result"></div>`);
  const links = { siteRoot: new URL(SITE), titles: new Map(Object.entries(titles)) };
  const result = document.getElementById("sa-result");
  renderReport(result, report, links);
  const shown = [...result.querySelectorAll(".sa-missing > li[data-item]")];
  return [[...document.querySelectorAll("#static > li")].map(read), shown.map(read)];
});
console.log(JSON.stringify(out));
