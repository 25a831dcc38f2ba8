import { en, type Message, type MessageKey, type Messages } from "./locales/en.ts";
import { signal } from "./signal.ts";

// en/de/he; Hebrew reads right to left. English is bundled (the sign-in screen needs it at once);
// the others load when chosen.

export const LOCALES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "de", name: "Deutsch", dir: "ltr" },
  { code: "he", name: "עברית", dir: "rtl" },
] as const;
export type Locale = (typeof LOCALES)[number]["code"];

const STORAGE_KEY = "plaudit-admin-locale";
const messages = signal<Messages>(en);
export const locale = signal<Locale>("en");

/**
 * A shopper's or merchant's own words (a name, a product, an id) set inside a message, isolated
 * from the text around it (U+2068 … U+2069, as <bdi> would): a Hebrew name in an English line, or
 * an English one in a Hebrew line, otherwise pulls the neighbouring punctuation and words into its
 * own direction ("by דנה · dana@…" reordered).
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;

/**
 * A message in the current language with its `{name}`s filled in. Numbers are written the
 * language's way (10,000 · 10.000); a message with plural forms takes the one the language's
 * rules (Intl.PluralRules) give for the number it names (`by`): "1 review shown", "2 reviews
 * shown", and Hebrew's own form for two.
 */
export function t(key: MessageKey, values: Record<string, string | number> = {}): string {
  return fill(pluralForm(messages.value[key], values), values);
}

function pluralForm(message: Message, values: Record<string, string | number>): string {
  if (typeof message === "string") return message;
  const category = pluralRules(locale.value).select(Number(values[message.by]));
  return message[category] ?? message.other;
}

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = values[name];
    return value === undefined ? `{${name}}` : typeof value === "number" ? formatNumber(value) : value;
  });

const rulesByLocale = new Map<Locale, Intl.PluralRules>();
function pluralRules(code: Locale): Intl.PluralRules {
  let rules = rulesByLocale.get(code);
  if (!rules) {
    rules = new Intl.PluralRules(code);
    rulesByLocale.set(code, rules);
  }
  return rules;
}

export function preferredLocale(): Locale {
  const stored = localStorage.getItem(STORAGE_KEY);
  const wanted = [stored, ...navigator.languages].map((l) => l?.slice(0, 2));
  return (wanted.find((l) => LOCALES.some((x) => x.code === l)) as Locale | undefined) ?? "en";
}

export async function setLocale(code: Locale): Promise<void> {
  const table =
    code === "de"
      ? (await import("./locales/de.ts")).de
      : code === "he"
        ? (await import("./locales/he.ts")).he
        : en;
  const info = LOCALES.find((l) => l.code === code) ?? LOCALES[0];
  document.documentElement.lang = code;
  document.documentElement.dir = info.dir;
  localStorage.setItem(STORAGE_KEY, code);
  messages.value = table;
  locale.value = code;
}

export const formatNumber = (n: number, digits = 0) =>
  new Intl.NumberFormat(locale.value, {
    maximumFractionDigits: digits,
    minimumFractionDigits: digits,
  }).format(n);
export const formatPercent = (part: number, whole: number) =>
  whole > 0
    ? new Intl.NumberFormat(locale.value, { style: "percent", maximumFractionDigits: 0 }).format(part / whole)
    : "–";
/**
 * A day: a moment's in `timeZone` (the store's: a review of Sunday 23:30 in Los Angeles is Sunday's,
 * as the overview counts it), or a calendar day ("2026-01-05T00:00:00Z") as it is, in UTC.
 */
export const formatDate = (iso: string, timeZone = "UTC") =>
  new Intl.DateTimeFormat(locale.value, { dateStyle: "medium", timeZone }).format(new Date(iso));
export const formatShortDate = (iso: string) =>
  new Intl.DateTimeFormat(locale.value, { month: "short", day: "numeric", timeZone: "UTC" }).format(
    new Date(iso),
  );
/** A moment as the merchant reads it: in `timeZone` (the store's, where days matter), else the browser's. */
export const formatDateTime = (iso: string, timeZone?: string) =>
  new Intl.DateTimeFormat(locale.value, {
    dateStyle: "medium",
    timeStyle: "short",
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(iso));
export type { MessageKey };
