// A widget's settings come from data attributes: the host element's own, over those of the
// <script> tag (`inherited`). A wrong value fails here, once, with a message that says what to do.
import { LIST_LIMIT_MAX, PRODUCT_ID_MAX, STORE_ID_PATTERN } from "./api-types.ts";

export type Theme = "light" | "dark" | "auto";
export const THEMES: readonly Theme[] = ["light", "dark", "auto"];

export interface WidgetConfig {
  /** Public store id (`data-store`). */
  store: string;
  /** API origin, optionally with a path, no trailing slash (`data-api`). */
  apiBase: string;
  /** BCP 47 tag (`data-locale`); absent: resolveLocale() decides from the page. */
  locale?: string;
  /** `data-theme`; default "auto". */
  theme: Theme;
  /** The merchant's product id (`data-product-id`). */
  productId?: string;
  /** Every other data-* attribute, camelCased like `dataset` (`data-page-size` → `pageSize`). */
  options: Record<string, string>;
}

export class PlauditConfigError extends Error {
  override name = "PlauditConfigError";
}

const KNOWN = new Set(["plaudit", "store", "api", "locale", "theme", "productId"]);

/** `<div data-plaudit="stars">`, `<script src="…/plaudit.js">`: how messages name the element. */
export function describeElement(el: Element): string {
  const tag = el.tagName.toLowerCase();
  for (const name of ["data-plaudit", "src", "id"]) {
    const value = el.getAttribute(name);
    if (value) return `<${tag} ${name}="${value}">`;
  }
  return `<${tag}>`;
}

/** Where plaudit.js came from: the API's default home (giscus does the same with its script). */
export function scriptOrigin(script: HTMLScriptElement): string {
  return new URL(script.src || script.ownerDocument.baseURI, script.ownerDocument.baseURI).origin;
}

export const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** The common settings as given: data-* values, or an npm mount call's options. */
export interface GivenSettings {
  store?: string | undefined;
  api?: string | undefined;
  locale?: string | undefined;
  theme?: string | undefined;
  productId?: string | undefined;
}

/**
 * The one check of the common settings, for the script tag's and hosts' data-* and for the npm
 * mount calls' options alike. `name` spells a setting the way it was given ("store" →
 * `data-store`, or the option `store`); `where` says where ("on <div data-plaudit=…>").
 */
export function checkSettings(
  given: GivenSettings,
  where: string,
  name: (setting: "store" | "api" | "locale" | "theme" | "product-id") => string,
  baseURI: string | undefined,
): Omit<WidgetConfig, "options"> {
  const fail = (message: string): never => {
    throw new PlauditConfigError(`[plaudit] ${message}`);
  };
  const { store, api, locale } = given;
  if (!store) fail(`${name("store")} is missing ${where}: add ${name("store")}="your-store-id"`);
  else if (!STORE_ID_PATTERN.test(store)) {
    fail(
      `${name("store")}="${store}" ${where} is not a store id: use letters, digits, "-" and "_" (up to 64)`,
    );
  }

  if (!api) fail(`${name("api")} is missing ${where}: add ${name("api")}="https://your-plaudit-server"`);
  let apiUrl: URL | undefined;
  try {
    apiUrl = new URL(api!, baseURI);
  } catch {
    apiUrl = undefined;
  }
  if (!apiUrl || !/^https?:$/.test(apiUrl.protocol)) {
    fail(
      `${name("api")}="${api}" ${where} is not an http(s) URL: use e.g. ${name("api")}="https://reviews.example.com"`,
    );
  }

  if (locale !== undefined) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      fail(`${name("locale")}="${locale}" ${where} is not a language tag: use e.g. "en", "de-AT" or "he"`);
    }
  }

  const theme = (given.theme ?? "auto") as Theme;
  if (!THEMES.includes(theme)) fail(`${name("theme")}="${theme}" ${where}: use "light", "dark" or "auto"`);

  const { productId } = given;
  if (productId !== undefined && (productId.length === 0 || productId.length > PRODUCT_ID_MAX)) {
    fail(`${name("product-id")} ${where} must be 1 to ${PRODUCT_ID_MAX} characters`);
  }

  return {
    store: store!,
    apiBase: `${apiUrl!.origin}${apiUrl!.pathname.replace(/\/+$/, "")}`,
    ...(locale === undefined ? {} : { locale }),
    theme,
    ...(productId === undefined ? {} : { productId }),
  };
}

export function readConfig(el: Element, inherited: Partial<WidgetConfig> = {}): WidgetConfig {
  const attr = (name: string) => el.getAttribute(`data-${name}`) ?? undefined;
  const settings = checkSettings(
    {
      store: attr("store") ?? inherited.store,
      api: attr("api") ?? inherited.apiBase,
      locale: attr("locale") ?? inherited.locale,
      theme: attr("theme") ?? inherited.theme,
      productId: attr("product-id") ?? inherited.productId,
    },
    `on ${describeElement(el)}`,
    (setting) => `data-${setting}`,
    el.ownerDocument.baseURI,
  );

  const options: Record<string, string> = { ...inherited.options };
  for (const { name, value } of Array.from(el.attributes)) {
    if (!name.startsWith("data-")) continue;
    const key = camel(name.slice(5));
    if (!KNOWN.has(key)) options[key] = value;
  }

  return { ...settings, options };
}

/** `data-page-size` / `pageSize` / `page-size`: an integer within the contract's list limit. */
export function pageSizeOf(config: WidgetConfig, fallback: number): number {
  const asked = Math.trunc(Number(config.options.pageSize));
  return Number.isFinite(asked) && asked >= 1 ? Math.min(LIST_LIMIT_MAX, asked) : fallback;
}

/** The product a kind that needs one shows; the error says what to add. */
export function requireProduct(config: WidgetConfig, kind: string): string {
  if (config.productId) return config.productId;
  throw new PlauditConfigError(
    `[plaudit] the ${kind} widget needs a product: add data-product-id="your-product-id" to its element`,
  );
}
