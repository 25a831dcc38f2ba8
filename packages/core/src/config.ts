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

export function readConfig(el: Element, inherited: Partial<WidgetConfig> = {}): WidgetConfig {
  const where = describeElement(el);
  const fail = (message: string): never => {
    throw new PlauditConfigError(`[plaudit] ${message}`);
  };
  const attr = (name: string) => el.getAttribute(`data-${name}`) ?? undefined;

  const store = attr("store") ?? inherited.store;
  if (!store) fail(`data-store is missing on ${where}: add data-store="your-store-id"`);
  else if (!STORE_ID_PATTERN.test(store)) {
    fail(`data-store="${store}" on ${where} is not a store id: use letters, digits, "-" and "_" (up to 64)`);
  }

  const api = attr("api") ?? inherited.apiBase;
  if (!api) fail(`data-api is missing on ${where}: add data-api="https://your-plaudit-server"`);
  let apiUrl: URL | undefined;
  try {
    apiUrl = new URL(api!, el.ownerDocument.baseURI);
  } catch {
    apiUrl = undefined;
  }
  if (!apiUrl || !/^https?:$/.test(apiUrl.protocol)) {
    fail(
      `data-api="${api}" on ${where} is not an http(s) URL: use e.g. data-api="https://reviews.example.com"`,
    );
  }

  const locale = attr("locale") ?? inherited.locale;
  if (locale !== undefined) {
    try {
      Intl.getCanonicalLocales(locale);
    } catch {
      fail(`data-locale="${locale}" on ${where} is not a language tag: use e.g. "en", "de-AT" or "he"`);
    }
  }

  const theme = (attr("theme") ?? inherited.theme ?? "auto") as Theme;
  if (!THEMES.includes(theme)) fail(`data-theme="${theme}" on ${where}: use "light", "dark" or "auto"`);

  const productId = attr("product-id") ?? inherited.productId;
  if (productId !== undefined && (productId.length === 0 || productId.length > PRODUCT_ID_MAX)) {
    fail(`data-product-id on ${where} must be 1 to ${PRODUCT_ID_MAX} characters`);
  }

  const options: Record<string, string> = { ...inherited.options };
  for (const { name, value } of Array.from(el.attributes)) {
    if (!name.startsWith("data-")) continue;
    const key = camel(name.slice(5));
    if (!KNOWN.has(key)) options[key] = value;
  }

  return {
    store: store!,
    apiBase: `${apiUrl!.origin}${apiUrl!.pathname.replace(/\/+$/, "")}`,
    ...(locale === undefined ? {} : { locale }),
    theme,
    ...(productId === undefined ? {} : { productId }),
    options,
  };
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
