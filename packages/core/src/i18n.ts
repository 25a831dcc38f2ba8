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
  /** Medium date of the UTC day, e.g. "Jan 5, 2026" / "05.01.2026", the same in every time zone. */
  formatDate(iso: string): string;
  formatNumber(n: number, opts?: Intl.NumberFormatOptions): string;
}

export { resolveLocale } from "./locale.ts";

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

export const interpolate = (message: string, params: MessageParams = {}): string =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));

// Making an Intl formatter is the costliest thing a widget does at mount (ICU data; ~5 ms each on a
// throttled phone, measured by bench/page-profile.ts): make each one once per page, and only when a
// widget first formats something with it — 24 star badges share one PluralRules and NumberFormat.
// A page speaks a locale or two; a server renders for whatever tags its requests bring (the snippet
// and badges routes): the most recent LOCALES_KEPT are kept, so strangers' tags cannot grow it.
const formatters = new Map<string, Map<string, unknown>>();
export const LOCALES_KEPT = 32;

/** How many locales' formatters are kept (tests). */
export const keptLocales = (): number => formatters.size;

/** The formatter kept under `key` for this locale, made by `make` the first time it is asked for. */
function kept<T>(made: Map<string, unknown>, key: string, make: () => T): T {
  if (!made.has(key)) made.set(key, make());
  return made.get(key) as T;
}

// English (`en`, `en-US`: most stores) formats its numbers, plural categories and medium dates
// here, without Intl: a page's first Intl formatter loads ICU's locale data, ~30 ms of a 4×-throttled
// main thread (bench/page-profile.ts) that a theme without Intl never pays. Equal to Intl's output
// (i18n.test.ts checks it against Intl); what is not covered here (negative numbers, other options,
// exponents, years before 1000) goes to Intl as before.
const ENGLISH = new Set(["en", "en-US"]);
const MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

/** `n` as Intl.NumberFormat("en", opts) writes it, or undefined when Intl must do it. */
export function englishNumber(n: number, opts: Intl.NumberFormatOptions = {}): string | undefined {
  const min = opts.minimumFractionDigits ?? 0;
  const max = opts.maximumFractionDigits ?? Math.max(min, 3);
  const written = String(n);
  const [whole = "", fraction = ""] = written.split(".");
  // Below 1e15 is at most 15 whole digits (1e15 … 1e21 are written out in full): said so because
  // the minifier writes the number 1e15 as 0x38d7ea4c68000.
  if (
    !(1 / n > 0) ||
    whole.length > 15 ||
    min > max ||
    written.includes("e") ||
    Object.keys(opts).some((key) => !/^m(in|ax)imumFractionDigits$/.test(key))
  )
    return;
  // Rounded half away from zero on the decimal digits, as Intl does ("halfExpand").
  const digits = String(
    BigInt(whole + fraction.slice(0, max).padEnd(max, "0")) + BigInt((fraction[max] ?? "") >= "5"),
  ).padStart(max + 1, "0");
  const kept = digits
    .slice(digits.length - max)
    .replace(/0+$/, "")
    .padEnd(min, "0");
  return digits.slice(0, digits.length - max).replace(/\B(?=(\d{3})+$)/g, ",") + (kept && `.${kept}`);
}

/**
 * A date as Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" }) writes it
 * ("Jan 5, 2026"), or undefined. Dates are their UTC day everywhere (see formatDate).
 */
export function englishDate(date: Date): string | undefined {
  const [year, month, day] = date.toISOString().split(/-|T/) as [string, number, string];
  return year > "0999" ? `${MONTHS.substr(month * 3 - 3, 3)} ${+day}, ${year}` : undefined;
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
  // No catalog for the shopper's language (an Arabic page: English messages): the widget speaks,
  // formats and is marked up (lang, dir) as the language its text is in, or a screen reader reads
  // English with an Arabic voice, right to left (WCAG 3.1.2).
  if (language(formatLocale) !== language(match)) formatLocale = match;
  // Made on first use, kept for the page (keyed p, d, or the NumberFormat's options).
  let made = formatters.get(formatLocale);
  if (!made) {
    made = new Map<string, unknown>();
    formatters.set(formatLocale, made);
    if (formatters.size > LOCALES_KEPT) formatters.delete(formatters.keys().next().value!);
  }

  // A key missing from a translation falls back to English, then to the key itself (visible, not blank).
  const lookup = (key: string) => messages[key] ?? catalogs.en[key];
  const t = (key: string, params?: MessageParams) => interpolate(lookup(key) ?? key, params);
  const english = ENGLISH.has(formatLocale);
  const formatNumber = (n: number, opts?: Intl.NumberFormatOptions) =>
    (english && englishNumber(n, opts)) ||
    kept(made, `n${JSON.stringify(opts)}`, () => new Intl.NumberFormat(formatLocale, opts)).format(n);

  return {
    locale: formatLocale,
    dir: RTL.has(language(formatLocale)) ? "rtl" : "ltr",
    t,
    plural(key, n, params) {
      const category =
        english && Number.isFinite(n)
          ? Math.abs(n) === 1
            ? "one"
            : "other"
          : kept(made, "p", () => new Intl.PluralRules(formatLocale)).select(n);
      // An exact zero message ("No reviews yet") reads better than "0 reviews" in any language.
      const message =
        (n === 0 ? lookup(`${key}.zero`) : undefined) ??
        lookup(`${key}.${category}`) ??
        lookup(`${key}.other`);
      return interpolate(message ?? key, { count: formatNumber(n), ...params });
    },
    // A date is its UTC calendar day: the server paints it (SSR) and the browser writes it again
    // when the widget's code loads; each in its own time zone (and the zone a locale's formatter
    // was first made in), a review's day changed under the shopper's eyes and with the server's TZ.
    formatDate(iso) {
      const date = new Date(iso);
      return Number.isNaN(+date)
        ? ""
        : (english && englishDate(date)) ||
            kept(
              made,
              "d",
              () => new Intl.DateTimeFormat(formatLocale, { dateStyle: "medium", timeZone: "UTC" }),
            ).format(date);
    },
    formatNumber,
  };
}
