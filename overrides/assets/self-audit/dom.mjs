// One small DOM helper for the page modules that build their parts from the engine's output.
// el("p", {className: "x", textContent: text}, ...children): the listed keys are set as properties,
// any other key as an attribute. Text only ever goes in through textContent: no string of the
// reader's or the engine's becomes HTML.

const PROPERTIES = new Set(["className", "textContent", "href", "id", "type", "hidden"]);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (PROPERTIES.has(key)) node[key] = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}
