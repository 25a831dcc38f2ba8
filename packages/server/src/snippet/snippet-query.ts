// The snippet route's query: how to render (locale, theme, shadow, styles, pageSize) and the
// product facts a template can pass for the JSON-LD. The contract's SnippetQuery checks, limits and
// defaults every parameter (422 validation_failed, one message per parameter, as API.md says of
// every well-formed but invalid request); the facts only ever become escaped text (attribute
// values, JSON in a script).

import { SnippetQuery as SnippetQuerySchema } from "@plaudit/contract";
import type { ProductFacts, RenderOptions } from "@plaudit/reviews/server";
import type { Context } from "hono";
import { parseQuery } from "../validation.ts";

export interface SnippetQuery {
  /** "reviews" (default): the reviews host and the JSON-LD; "stars": the star badge host alone. */
  widget: "reviews" | "stars";
  locale: string;
  theme: NonNullable<RenderOptions["theme"]>;
  shadow: NonNullable<RenderOptions["shadow"]>;
  styles: NonNullable<RenderOptions["styles"]>;
  pageSize: number;
  /**
   * The page's CSP nonce for the inline <style>. Per request: never part of what is cached (the
   * route puts it into the cached HTML and answers `no-store`).
   */
  nonce?: string;
  /** `styles=link`: the stylesheet's URL, e.g. a copy on the merchant's own origin (`/assets/plaudit.css`). */
  stylesheet?: string;
  /** Facts beyond the id (which comes from the path). */
  facts: Omit<ProductFacts, "id">;
}

/** Parses the route's query (422 validation_failed, every bad parameter with its own message). */
export function parseSnippetQuery(c: Context): SnippetQuery {
  // An offer needs a price and a currency (availability is optional): judged with the rest.
  const raw = c.req.query();
  const offered = raw.price !== undefined || raw.currency !== undefined || raw.availability !== undefined;
  const missing: Record<string, string> = {};
  if (offered && !raw.price) missing.price = "must be a decimal number such as 28.00";
  if (offered && !raw.currency) missing.currency = "must be an ISO 4217 code such as USD";
  const query = parseQuery(c, SnippetQuerySchema, { alsoBad: missing });
  const facts: SnippetQuery["facts"] = {};
  for (const field of ["name", "sku", "brand", "description", "image", "url", "jsonLdId"] as const) {
    const value = query[field];
    if (value !== undefined) facts[field] = value;
  }
  const { price, currency, availability } = query;
  if (offered && price && currency) {
    facts.offers = {
      "@type": "Offer",
      price,
      priceCurrency: currency,
      ...(availability ? { availability: `https://schema.org/${availability}` } : {}),
      ...(facts.url ? { url: facts.url } : {}),
    };
  }
  return {
    widget: query.widget,
    locale: query.locale,
    theme: query.theme,
    shadow: query.shadow,
    styles: query.styles,
    pageSize: query.pageSize,
    ...(query.nonce ? { nonce: query.nonce } : {}),
    ...(query.stylesheet ? { stylesheet: query.stylesheet } : {}),
    facts,
  };
}
