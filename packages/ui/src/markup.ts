// A few static elements described as data, rendered to DOM in the browser and to HTML on the
// server. For widgets too small to be worth Preact on the page (the star badge: every collection
// page loads it, 24 times over). Text is only ever a text node or escaped text.

export interface MarkupElement {
  tag: string;
  attrs: Record<string, string | number | undefined>;
  children: Markup[];
}
export type Markup = MarkupElement | string;

export const el = (
  tag: string,
  attrs: MarkupElement["attrs"] = {},
  ...children: (Markup | Markup[])[]
): MarkupElement => ({ tag, attrs, children: children.flat() });

export function toDom(doc: Document, markup: Markup): Node {
  if (typeof markup === "string") return doc.createTextNode(markup);
  const node = doc.createElement(markup.tag);
  for (const [name, value] of Object.entries(markup.attrs)) {
    if (value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of markup.children) node.append(toDom(doc, child));
  return node;
}

const escapeText = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = (text: string) => escapeText(text).replace(/"/g, "&quot;");

export function toHtml(markup: Markup): string {
  if (typeof markup === "string") return escapeText(markup);
  const attrs = Object.entries(markup.attrs)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttr(String(value))}"`)
    .join("");
  return `<${markup.tag}${attrs}>${markup.children.map(toHtml).join("")}</${markup.tag}>`;
}
