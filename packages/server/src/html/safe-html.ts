// Server-made HTML (emails, the hosted review page) from one tagged template: every interpolated
// value is escaped as text unless it is itself SafeHtml made by this template. User text (names,
// review text, product names) can therefore only ever become text, in content or in a quoted
// attribute, never markup.

import { httpUrl } from "@plaudit/contract";
import * as v from "valibot";

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

/**
 * A URL for an href or src only when it is http(s) (the catalog's rule, contract's httpUrl), else
 * null. Escaping keeps a URL inside its attribute, not its scheme harmless: a `javascript:` or
 * `data:` URL in a product's data (written before that rule, or straight into the database) must
 * not reach a link or a picture.
 */
export function httpUrlOrNull(url: string | null | undefined): string | null {
  return url && v.is(httpUrl, url) ? url : null;
}

/**
 * Text whose line breaks matter (a merchant's reply) as escaped lines with `<br>` between them:
 * in HTML a line break is a space, and Outlook's Word engine ignores `white-space: pre-line`.
 */
export function textWithBreaks(text: string): SafeHtml[] {
  return text.split(/\r\n|\r|\n/).map((line, i) => (i === 0 ? html`${line}` : html`<br>${line}`));
}
