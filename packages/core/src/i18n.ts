// Messages and formatting. Each widget package owns its catalogs and passes them in; this file
// only picks the best one and formats with the platform's Intl (no locale data shipped).

/**
 * A catalog: key → message with `{name}` placeholders. Plural messages are keyed `key.one`,
 * `key.other`, … by Intl.PluralRules category (`key.zero`, `key.two`, `key.few`, `key.many` where a
 * language has them); `{count}` is the formatted number.
 */
export type Messages = Record<string, string>;
export type Catalogs = { en: Messages } & Record<string, Messages | undefined>;
export type MessageParams = Record<string, string | number>;

export interface I18n {
  locale: string;
  dir: "ltr" | "rtl";
  t(key: string, params?: MessageParams): string;
  plural(key: string, n: number, params?: MessageParams): string;
  /** Medium date, e.g. "Jan 5, 2026" / "05.01.2026". */
  formatDate(iso: string): string;
  formatNumber(n: number, opts?: Intl.NumberFormatOptions): string;
}

const RTL = new Set(["he", "ar", "fa", "ur"]);

const language = (tag: string) => tag.toLowerCase().split(/[-_]/)[0] ?? "";

/** The catalog key for a tag: exact (`pt-BR`), then its language (`de-AT` → `de`), then `en`. */
export function matchCatalog(locale: string, available: readonly string[]): string {
  const wanted = locale.replace("_", "-").toLowerCase();
  return (
    available.find((key) => key.toLowerCase() === wanted) ??
    available.find((key) => key.toLowerCase() === language(wanted)) ??
    "en"
  );
}

/** `data-locale` on the element, then the closest `lang` (the page's language), then the browser's. */
export function resolveLocale(el?: Element | null): string {
  const tag =
    el?.getAttribute("data-locale") ||
    el?.closest("[lang]")?.getAttribute("lang") ||
    (typeof navigator === "undefined" ? undefined : navigator.language) ||
    "en";
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? "en";
  } catch {
    return "en";
  }
}

export const interpolate = (message: string, params: MessageParams = {}): string =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

// Making an Intl formatter is the costliest thing a widget does at mount (ICU data; ~5 ms each on a
// throttled phone, measured by bench/page-profile.ts): make each one once per page, and only when a
// widget first formats something with it — 24 star badges share one PluralRules and NumberFormat.
const formatters = new Map<string, Map<string, unknown>>();

/** The formatter kept under `key` for this locale, made by `make` the first time it is asked for. */
function kept<T>(made: Map<string, unknown>, key: string, make: () => T): T {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

export function createI18n(locale: string, catalogs: Catalogs): I18n {
  const match = matchCatalog(locale, Object.keys(catalogs));
  const messages = catalogs[match] ?? catalogs.en;
  // Formats follow the shopper's full tag (de-AT dates), while messages come from the matched catalog.
  let formatLocale = locale;
  try {
    formatLocale = Intl.getCanonicalLocales(locale)[0] ?? match;
  } catch {
    formatLocale = match;
  }
  // Made on first use, kept for the page (keyed p, d, or the NumberFormat's options).
  const made = formatters.get(formatLocale) ?? new Map<string, unknown>();
  formatters.set(formatLocale, made);

  // A key missing from a translation falls back to English, then to the key itself (visible, not blank).
  const lookup = (key: string) => messages[key] ?? catalogs.en[key];
  const t = (key: string, params?: MessageParams) => interpolate(lookup(key) ?? key, params);
  const formatNumber = (n: number, opts?: Intl.NumberFormatOptions) =>
    kept(made, `n${JSON.stringify(opts)}`, () => new Intl.NumberFormat(formatLocale, opts)).format(n);

  return {
    locale: formatLocale,
    dir: RTL.has(language(formatLocale)) ? "rtl" : "ltr",
    t,
    plural(key, n, params) {
      const category = kept(made, "p", () => new Intl.PluralRules(formatLocale)).select(n);
      // An exact zero message ("No reviews yet") reads better than "0 reviews" in any language.
      const message =
        (n === 0 ? lookup(`${key}.zero`) : undefined) ??
        lookup(`${key}.${category}`) ??
        lookup(`${key}.other`);
      return interpolate(message ?? key, { count: formatNumber(n), ...params });
    },
    formatDate(iso) {
      const date = new Date(iso);
      return Number.isNaN(date.getTime())
        ? ""
        : kept(made, "d", () => new Intl.DateTimeFormat(formatLocale, { dateStyle: "medium" })).format(date);
    },
    formatNumber,
  };
}
