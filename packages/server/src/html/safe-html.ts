// Server-made HTML (emails, the hosted review page) from one tagged template: every interpolated
// value is escaped as text unless it is itself SafeHtml made by this template. User text (names,
// review text, product names) can therefore only ever become text, in content or in a quoted
// attribute, never markup.

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ENTITIES[ch] as string);
}

function piece(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(piece).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** `html\`<p>${userText}</p>\`` — interpolations are escaped; nested html`` stays markup. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += piece(values[i]) + (strings[i + 1] ?? "");
  return new SafeHtml(out);
}

/** Our own constant markup or CSS (never user text), taken as is. */
export const trusted = (markup: string) => new SafeHtml(markup);
