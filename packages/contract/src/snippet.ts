import * as v from "valibot";
import { queryLimit, queryText } from "./fields.ts";
import { LIMITS } from "./limits.ts";
import { SummariesQuery, Summary } from "./reviews.ts";

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

const { urlMax, textMax, descriptionMax, localeMax } = SNIPPET_LIMITS;

// Each choice takes its list, or empty for its default (a theme template's unset setting).
const widgetChoice = v.optional(
  v.pipe(
    v.picklist([...SNIPPET_WIDGETS, ""], "must be reviews or stars"),
    v.transform((widget) => widget || "reviews"),
  ),
  "reviews",
);
const themeChoice = v.optional(
  v.pipe(
    v.picklist([...THEMES, ""], "must be light, dark or auto"),
    v.transform((theme) => theme || "auto"),
  ),
  "auto",
);
const shadowChoice = v.optional(
  v.pipe(
    v.picklist([...SHADOW_MODES, ""], "must be declarative or light"),
    v.transform((shadow) => shadow || "declarative"),
  ),
  "declarative",
);
const stylesChoice = v.optional(
  v.pipe(
    v.picklist([...STYLE_MODES, ""], "must be inline or link"),
    v.transform((styles) => styles || "inline"),
  ),
  "inline",
);

const isHttpUrl = (value: string) => {
  if (value.length > urlMax) return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** A string `ok` accepts, or empty for none. */
/* @__NO_SIDE_EFFECTS__ */
const optionalText = (ok: (value: string) => boolean, message: string, ...meta: v.GenericPipeAction[]) =>
  v.optional(
    v.pipe(
      v.string(),
      v.check((value) => value === "" || ok(value), message),
      ...(meta as []),
      v.transform((value) => value || undefined),
    ),
  );

const LOCALE_MESSAGE = "must be a BCP 47 language tag such as en, de-AT or he";

export const SnippetQuery = v.object({
  widget: widgetChoice,
  locale: v.optional(
    v.pipe(
      v.string(),
      v.maxLength(localeMax, LOCALE_MESSAGE),
      v.description("BCP 47 tag"),
      // Canonical (de-at → de-AT), as the renderer's messages and the cache key want it.
      v.rawTransform(({ dataset, addIssue, NEVER }) => {
        if (dataset.value === "") return "en";
        try {
          const [tag] = Intl.getCanonicalLocales(dataset.value);
          if (tag) return tag;
        } catch {}
        addIssue({ message: LOCALE_MESSAGE });
        return NEVER;
      }),
    ),
    "en",
  ),
  theme: themeChoice,
  shadow: shadowChoice,
  styles: stylesChoice,
  pageSize: queryLimit(LIMITS.listLimitMax, LIMITS.listLimitDefault),
  name: queryText(textMax, "product facts for the JSON-LD"),
  description: queryText(descriptionMax, "for the JSON-LD"),
  sku: queryText(textMax, "for the JSON-LD"),
  brand: queryText(textMax, "for the JSON-LD"),
  image: optionalText(
    isHttpUrl,
    `must be an http(s) URL of at most ${urlMax} characters`,
    v.metadata({ format: "uri", maxLength: urlMax }),
  ),
  url: optionalText(
    isHttpUrl,
    `must be an http(s) URL of at most ${urlMax} characters`,
    v.metadata({ format: "uri", maxLength: urlMax }),
  ),
  price: optionalText(
    (price) => /^\d{1,12}(\.\d{1,4})?$/.test(price),
    "must be a decimal number such as 28.00",
    v.metadata({ pattern: "^\\d{1,12}(\\.\\d{1,4})?$" }),
    v.description("with currency: the Offer of the JSON-LD"),
  ),
  currency: optionalText(
    (currency) => /^[A-Z]{3}$/.test(currency),
    "must be an ISO 4217 code such as USD",
    v.metadata({ pattern: "^[A-Z]{3}$" }),
  ),
  availability: v.optional(v.picklist(AVAILABILITY, `must be one of ${AVAILABILITY.join(", ")}`)),
  nonce: optionalText(
    (nonce) => CSP_NONCE_PATTERN.test(nonce),
    "must be base64 (your page's CSP nonce), at most 128 characters",
    v.metadata({ pattern: CSP_NONCE_PATTERN.source }),
    v.description("the page's CSP nonce for the inline <style>; the answer is then no-store"),
  ),
  stylesheet: optionalText(
    (sheet) => isHttpUrl(sheet) || /^\/(?!\/)[^\s"<>\\]{0,1999}$/.test(sheet),
    `must be an http(s) URL or a path from your site's root, at most ${urlMax} characters`,
    v.metadata({ maxLength: urlMax }),
    v.description("styles=link: the CSS URL or a path from the site's root (a copy on your origin)"),
  ),
  jsonLdId: optionalText(
    (id) => [...id].length <= urlMax,
    `must be at most ${urlMax} characters`,
    v.metadata({ maxLength: urlMax }),
    v.description("@id of the page's own Product node to merge into"),
  ),
});
export type SnippetQuery = v.InferOutput<typeof SnippetQuery>;

// The star badges of many products in one read (GET /v1/stores/{store}/badges, docs/ssr.md "Star
// badges for many products"): the loader paints a collection page's badges from it. The ids are
// the summaries route's, locale and theme the snippet route's — the same fields, not copies.

export const BadgesQuery = v.object({
  products: SummariesQuery.entries.products,
  locale: SnippetQuery.entries.locale,
  theme: SnippetQuery.entries.theme,
});
export type BadgesQuery = v.InferOutput<typeof BadgesQuery>;

export const BadgeItem = v.object({
  productId: v.string(),
  summary: Summary,
  html: v.pipe(
    v.string(),
    v.description(
      "the badge's markup for inside its shadow root; its href #plaudit-reviews is a placeholder the page replaces",
    ),
  ),
});
export type BadgeItem = v.InferOutput<typeof BadgeItem>;

export const BadgesResponse = v.object({
  css: v.pipe(v.string(), v.description("the star badge's stylesheet, one for every badge")),
  items: v.pipe(v.array(BadgeItem), v.description("one per product asked, in the order asked")),
});
export type BadgesResponse = v.InferOutput<typeof BadgesResponse>;
