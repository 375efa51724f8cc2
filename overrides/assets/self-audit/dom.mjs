// One small DOM helper for the page modules that build their parts from the engine's output.
// el("p", {className: "x", textContent: text}, ...children): the listed keys are set as properties,
// an on... key with a function as an event listener, any other key as an attribute (true: present,
// false, null or undefined: left out). Children null, undefined or false are left out, so
// `cond && el(...)` can stand in a list. Text only ever goes in through textContent or as a text
// child: no string of the reader's or the engine's becomes HTML.

const PROPERTIES = new Set(["className", "textContent", "href", "id", "type", "hidden", "htmlFor", "checked"]);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null) continue;
    // an easy slip (other helpers take `text`): it would become an attribute and the node stay empty
    if (key === "text") throw new TypeError(`el("${tag}"): write textContent, not text`);
    if (PROPERTIES.has(key)) node[key] = value;
    else if (key.startsWith("on") && typeof value === "function") node.addEventListener(key.slice(2), value);
    else if (value === true) node.setAttribute(key, "");
    else if (value !== false) node.setAttribute(key, String(value));
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) node.append(child);
  return node;
}
