import * as v from "valibot";
import { LIMITS } from "./limits.ts";

// The snippet route's query (GET …/products/{product}/snippet, docs/ssr.md): how to render, and
// product facts a theme template can pass for the JSON-LD.

export const SNIPPET_WIDGETS = ["reviews", "stars"] as const;
export const THEMES = ["light", "dark", "auto"] as const;
export const SHADOW_MODES = ["declarative", "light"] as const;
export const STYLE_MODES = ["inline", "link"] as const;
export const AVAILABILITY = [
  "InStock",
  "OutOfStock",
  "PreOrder",
  "BackOrder",
  "Discontinued",
  "LimitedAvailability",
] as const;
export const SNIPPET_LIMITS = { urlMax: 2000, textMax: 200, descriptionMax: 1000, localeMax: 35 } as const;

/** A CSP nonce as the snippet route takes it: base64 (CSP's grammar), nothing that could leave an attribute. */
export const CSP_NONCE_PATTERN = /^[A-Za-z0-9+/_-]{1,128}={0,2}$/;

const fact = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max)));

export const SnippetQuery = v.object({
  widget: v.optional(v.picklist(SNIPPET_WIDGETS), "reviews"),
  locale: v.optional(
    v.pipe(v.string(), v.maxLength(SNIPPET_LIMITS.localeMax), v.description("BCP 47 tag")),
    "en",
  ),
  theme: v.optional(v.picklist(THEMES), "auto"),
  shadow: v.optional(v.picklist(SHADOW_MODES), "declarative"),
  styles: v.optional(v.picklist(STYLE_MODES), "inline"),
  pageSize: v.optional(
    v.pipe(v.string(), v.regex(/^\d{1,2}$/), v.description(`1–${LIMITS.listLimitMax}`)),
    String(LIMITS.listLimitDefault),
  ),
  name: v.optional(
    v.pipe(v.string(), v.maxLength(SNIPPET_LIMITS.textMax), v.description("product facts for the JSON-LD")),
  ),
  description: fact(SNIPPET_LIMITS.descriptionMax),
  sku: fact(SNIPPET_LIMITS.textMax),
  brand: fact(SNIPPET_LIMITS.textMax),
  image: v.optional(v.pipe(v.string(), v.maxLength(SNIPPET_LIMITS.urlMax), v.metadata({ format: "uri" }))),
  url: v.optional(v.pipe(v.string(), v.maxLength(SNIPPET_LIMITS.urlMax), v.metadata({ format: "uri" }))),
  price: v.optional(v.pipe(v.string(), v.regex(/^\d{1,12}(\.\d{1,4})?$/))),
  currency: v.optional(v.pipe(v.string(), v.regex(/^[A-Z]{3}$/))),
  availability: v.optional(v.picklist(AVAILABILITY)),
  nonce: v.optional(
    v.pipe(
      v.string(),
      v.regex(CSP_NONCE_PATTERN),
      v.description("the page's CSP nonce for the inline <style>; the answer is then no-store"),
    ),
  ),
  stylesheet: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(SNIPPET_LIMITS.urlMax),
      v.description("styles=link: the CSS URL or a path from the site's root (a copy on your origin)"),
    ),
  ),
  jsonLdId: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(SNIPPET_LIMITS.urlMax),
      v.description("@id of the page's own Product node to merge into"),
    ),
  ),
});
