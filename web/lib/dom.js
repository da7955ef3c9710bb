// DOM building for third-party text. Article text only ever becomes text nodes or plain attribute values:
// nothing here parses HTML (no innerHTML, insertAdjacentHTML or outerHTML), so markup in an article stays text.

/**
 * Creates an element. `props`: attributes (null, undefined and false are left out, true is an empty attribute),
 * `class`, and `on<event>` functions as listeners. Children: nodes or strings (strings become text nodes).
 */
export function h(tag, props, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key.startsWith("on") && typeof value === "function") element.addEventListener(key.slice(2), value);
    else element.setAttribute(key, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child); // a string is appended as a Text node, never parsed
  }
  return element;
}

/** Text a screen reader reads but the eye does not see (the count's unit, a list's purpose). */
export function srOnly(text) {
  return h("span", { class: "nf-sr" }, text);
}

let nextId = 0;

/** A document-unique id for aria-labelledby and friends. */
export function uniqueId(prefix) {
  nextId += 1;
  return `${prefix}-${nextId}`;
}
