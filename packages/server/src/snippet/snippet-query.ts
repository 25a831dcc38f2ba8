// The snippet route's query: how to render (locale, theme, shadow, styles, pageSize) and the
// product facts a template can pass for the JSON-LD. Everything is checked and length-limited;
// the facts only ever become escaped text (attribute values, JSON in a script).

import {
  AVAILABILITY,
  CSP_NONCE_PATTERN,
  LIMITS,
  SHADOW_MODES,
  SNIPPET_LIMITS,
  SNIPPET_WIDGETS,
  STYLE_MODES,
  THEMES,
} from "@plaudit/contract";
import type { ProductFacts, RenderOptions } from "@plaudit/reviews/server";
import { ApiError } from "../errors.ts";

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

const { urlMax: URL_MAX, textMax: TEXT_MAX, descriptionMax: DESCRIPTION_MAX } = SNIPPET_LIMITS;
const AVAILABILITIES: readonly string[] = AVAILABILITY;

function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T | undefined {
  if (value === undefined || value === "") return fallback;
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

const length = (text: string) => [...text].length;

function httpUrl(value: string): boolean {
  if (value.length > URL_MAX) return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function bcp47(value: string): string | undefined {
  if (value.length > SNIPPET_LIMITS.localeMax) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** Parses the query; every bad parameter gets its own message (400 bad_request). */
export function parseSnippetQuery(query: Record<string, string | undefined>): SnippetQuery {
  const fields: Record<string, string> = {};
  const bad = (field: string, message: string) => {
    fields[field] = message;
  };

  const widget = oneOf(query.widget, SNIPPET_WIDGETS, "reviews");
  if (!widget) bad("widget", "must be reviews or stars");
  const locale = query.locale ? bcp47(query.locale) : "en";
  if (!locale) bad("locale", "must be a BCP 47 language tag such as en, de-AT or he");
  const theme = oneOf(query.theme, THEMES, "auto");
  if (!theme) bad("theme", "must be light, dark or auto");
  const shadow = oneOf(query.shadow, SHADOW_MODES, "declarative");
  if (!shadow) bad("shadow", "must be declarative or light");
  const styles = oneOf(query.styles, STYLE_MODES, "inline");
  if (!styles) bad("styles", "must be inline or link");

  let pageSize: number = LIMITS.listLimitDefault;
  if (query.pageSize !== undefined) {
    pageSize = Number(query.pageSize);
    if (!/^\d{1,2}$/.test(query.pageSize) || pageSize < 1 || pageSize > LIMITS.listLimitMax)
      bad("pageSize", `must be an integer from 1 to ${LIMITS.listLimitMax}`);
  }

  const facts: SnippetQuery["facts"] = {};
  for (const field of ["name", "sku", "brand", "description"] as const) {
    const value = query[field]?.trim();
    if (!value) continue;
    const max = field === "description" ? DESCRIPTION_MAX : TEXT_MAX;
    if (length(value) > max) bad(field, `must be at most ${max} characters`);
    else facts[field] = value;
  }
  for (const field of ["image", "url"] as const) {
    const value = query[field];
    if (!value) continue;
    if (httpUrl(value)) facts[field] = value;
    else bad(field, `must be an http(s) URL of at most ${URL_MAX} characters`);
  }
  const jsonLdId = query.jsonLdId;
  if (jsonLdId) {
    if (length(jsonLdId) > URL_MAX) bad("jsonLdId", `must be at most ${URL_MAX} characters`);
    else facts.jsonLdId = jsonLdId;
  }

  const nonce = query.nonce || undefined;
  if (nonce !== undefined && !CSP_NONCE_PATTERN.test(nonce))
    bad("nonce", "must be base64 (your page's CSP nonce), at most 128 characters");
  const stylesheet = query.stylesheet || undefined;
  if (stylesheet !== undefined && !(httpUrl(stylesheet) || /^\/(?!\/)[^\s"<>\\]{0,1999}$/.test(stylesheet)))
    bad(
      "stylesheet",
      `must be an http(s) URL or a path from your site's root, at most ${URL_MAX} characters`,
    );

  const { price, currency, availability } = query;
  if (price !== undefined || currency !== undefined || availability !== undefined) {
    const offer: Record<string, string> = { "@type": "Offer" };
    if (!price || !/^\d{1,12}(\.\d{1,4})?$/.test(price))
      bad("price", "must be a decimal number such as 28.00");
    else offer.price = price;
    if (!currency || !/^[A-Z]{3}$/.test(currency)) bad("currency", "must be an ISO 4217 code such as USD");
    else offer.priceCurrency = currency;
    if (availability !== undefined) {
      if (AVAILABILITIES.includes(availability)) offer.availability = `https://schema.org/${availability}`;
      else bad("availability", `must be one of ${AVAILABILITY.join(", ")}`);
    }
    if (facts.url) offer.url = facts.url;
    facts.offers = offer;
  }

  if (Object.keys(fields).length > 0) {
    const [first] = Object.entries(fields);
    throw new ApiError(400, "bad_request", `${first![0]} ${first![1]}`, fields);
  }
  return {
    widget: widget!,
    locale: locale!,
    theme: theme!,
    shadow: shadow!,
    styles: styles!,
    pageSize,
    ...(nonce ? { nonce } : {}),
    ...(stylesheet ? { stylesheet } : {}),
    facts,
  };
}
