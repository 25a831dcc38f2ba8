import { type ApiErrorBody, NUL_MESSAGE, type RequestLocale } from "@plaudit/contract";
import type { ApiError } from "./errors.ts";
import { negotiateLanguage } from "./http/accept-language.ts";
import { REUSED_REWARD_ID } from "./loyalty/reward-ids.ts";

// The one catalog of what a server message says to a person, in German and Hebrew. The contract's
// schemas and the upload checks write their messages in English (the API's words, and the source
// of every translation here); a request in German or Hebrew — the hosted review page of an order
// in that language, an API call with `Accept-Language: de` or `he` — gets them in its language.
// The machine-readable parts never change: `code`, the field names in `fields`, the status.
// A message the catalog does not know stays English rather than half translated.

/** The languages a person is answered in (the review-request emails' and hosted page's). */
export type MessageLocale = RequestLocale;

/** The things a length message names ("must be a review of 1–5000 characters"). */
const THINGS: Record<string, { de: string; he: string }> = {
  "a review": { de: "eine Bewertung", he: "ביקורת" },
  "a title": { de: "ein Titel", he: "כותרת" },
  "a name": { de: "ein Name", he: "שם" },
  "a reply": { de: "eine Antwort", he: "תגובה" },
  "a reason": { de: "ein Grund", he: "סיבה" },
  text: { de: "ein Text", he: "טקסט" },
  // The review-request settings' sender (the admin app's settings form shows it beside its field).
  "a sender name": { de: "ein Absendername", he: "שם שולח" },
  // The loyalty program (the admin app's program screen shows them beside their field).
  "a label": { de: "ein Text", he: "תווית" },
  "a perk": { de: "ein Vorteil", he: "הטבה" },
  "a product id": { de: "eine Produkt-ID", he: "מזהה מוצר" },
};

type Groups = Record<string, string>;
interface Entry {
  en: RegExp;
  de: (g: Groups) => string | undefined;
  he: (g: Groups) => string | undefined;
}

const thing = (what: string | undefined, locale: "de" | "he") => (what ? THINGS[what]?.[locale] : undefined);

const CATALOG: Entry[] = [
  {
    en: /^must be (?<what>.+) of (?<min>\d+)–(?<max>\d+) characters$/,
    de: (g) => {
      const what = thing(g.what, "de");
      return what && `muss ${what} mit ${g.min}–${g.max} Zeichen sein`;
    },
    he: (g) => {
      const what = thing(g.what, "he");
      return what && `צריך להיות ${what} באורך ${g.min}–${g.max} תווים`;
    },
  },
  {
    en: /^must be (?<what>.+) of at most (?<max>\d+) characters$/,
    de: (g) => thing(g.what, "de") && `darf höchstens ${g.max} Zeichen lang sein`,
    he: (g) => thing(g.what, "he") && `יכול להכיל עד ${g.max} תווים`,
  },
  {
    en: /^must be at most (?<max>\d+) characters$/,
    de: (g) => `darf höchstens ${g.max} Zeichen lang sein`,
    he: (g) => `יכול להכיל עד ${g.max} תווים`,
  },
  {
    en: new RegExp(`^${NUL_MESSAGE.replace(/[()+]/g, "\\$&")}$`),
    de: () => "darf kein NUL-Zeichen (U+0000) enthalten",
    he: () => "אסור שיכיל את התו NUL ‏(U+0000)",
  },
  {
    en: /^must be an email address$/,
    de: () => "muss eine E-Mail-Adresse sein",
    he: () => "צריך להיות כתובת אימייל",
  },
  {
    en: /^must be an integer from (?<min>\d+) to (?<max>\d+)$/,
    de: (g) => `muss eine ganze Zahl von ${g.min} bis ${g.max} sein`,
    he: (g) => `צריך להיות מספר שלם בין ${g.min} ל-${g.max}`,
  },
  {
    en: /^must be at least (?<n>-?\d+)$/,
    de: (g) => `muss mindestens ${g.n} sein`,
    he: (g) => `צריך להיות לפחות ${g.n}`,
  },
  {
    en: /^must be at most (?<n>-?\d+)$/,
    de: (g) => `darf höchstens ${g.n} sein`,
    he: (g) => `יכול להיות לכל היותר ${g.n}`,
  },
  {
    en: /^needs PLAUDIT_PUBLIC_URL on the server: the origin of the email's links$/,
    de: () => "braucht PLAUDIT_PUBLIC_URL auf dem Server: den Ursprung der Links in den E-Mails",
    he: () => "נדרש PLAUDIT_PUBLIC_URL בשרת: המקור של הקישורים בהודעות הדוא״ל",
  },
  // The hosted review page's colors (review-requests/page/page-colors.ts).
  {
    en: /^has (?<r>[\d.]+):1 contrast with the (?<other>background|text): text needs at least (?<min>[\d.]+):1$/,
    de: (g) =>
      `hat nur ${g.r}:1 Kontrast zum ${g.other === "text" ? "Text" : "Hintergrund"}: Text braucht mindestens ${g.min}:1`,
    he: (g) =>
      `יחס הניגודיות ${g.other === "text" ? "לטקסט" : "לרקע"} הוא ${g.r}:1 בלבד: טקסט צריך לפחות ${g.min}:1`,
  },
  {
    en: /^has (?<r>[\d.]+):1 contrast with the (?<other>background|accent): buttons and the focus ring need at least (?<min>[\d.]+):1$/,
    de: (g) =>
      `hat nur ${g.r}:1 Kontrast zum ${g.other === "accent" ? "Akzent" : "Hintergrund"}: Schaltflächen und der Fokusrahmen brauchen mindestens ${g.min}:1`,
    he: (g) =>
      `יחס הניגודיות ${g.other === "accent" ? "לצבע ההדגשה" : "לרקע"} הוא ${g.r}:1 בלבד: כפתורים ומסגרת המיקוד צריכים לפחות ${g.min}:1`,
  },
  { en: /^must not be 0$/, de: () => "darf nicht 0 sein", he: () => "אסור שיהיה 0" },
  { en: /^must be a number$/, de: () => "muss eine Zahl sein", he: () => "צריך להיות מספר" },
  { en: /^must be an integer$/, de: () => "muss eine ganze Zahl sein", he: () => "צריך להיות מספר שלם" },
  { en: /^is required$/, de: () => "ist erforderlich", he: () => "שדה חובה" },
  { en: /^is too long$/, de: () => "ist zu lang", he: () => "ארוך מדי" },
  {
    en: /^must be an object with name and email$/,
    de: () => "muss Name und E-Mail-Adresse enthalten",
    he: () => "צריך לכלול שם וכתובת אימייל",
  },
  // The loyalty program (PUT /v1/admin/loyalty/program: the admin app's program screen).
  {
    en: /^must name only the languages (?<list>[a-z, ]+)$/,
    de: (g) => `darf nur die Sprachen ${g.list} nennen`,
    he: (g) => `יכול לציין רק את השפות ${g.list}`,
  },
  { en: /^must not be negative$/, de: () => "darf nicht negativ sein", he: () => "אסור שיהיה שלילי" },
  {
    en: /^must be an http\(s\) URL$/,
    de: () => "muss eine http(s)-Adresse sein",
    he: () => "צריך להיות כתובת http(s)",
  },
  { en: /^must contain \{code\}$/, de: () => "muss {code} enthalten", he: () => "צריך להכיל את {code}" },
  {
    en: /^percent_off needs a value 1–100$/,
    de: () => "Prozent Rabatt braucht einen Wert von 1–100",
    he: () => "הנחה באחוזים צריכה ערך בין 1 ל-100",
  },
  {
    en: /^amount_off needs a value above 0$/,
    de: () => "Betrag Rabatt braucht einen Wert über 0",
    he: () => "הנחה בסכום צריכה ערך גדול מ-0",
  },
  {
    en: /^at most (?<n>\d+) (?<what>rewards|tiers|perks)$/,
    de: (g) => `höchstens ${g.n} ${{ rewards: "Prämien", tiers: "Stufen", perks: "Vorteile" }[g.what ?? ""]}`,
    he: (g) => `עד ${g.n} ${{ rewards: "הטבות", tiers: "דרגות", perks: "הטבות לדרגה" }[g.what ?? ""]}`,
  },
  {
    en: new RegExp(`^${REUSED_REWARD_ID.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`),
    de: () =>
      "ist die ID einer entfernten Prämie, die Kunden eingelöst haben: eine andere Prämie braucht eine neue ID",
    he: () => "זה המזהה של הטבה שהוסרה ולקוחות מימשו: הטבה אחרת צריכה מזהה חדש",
  },
  // Photos and videos (the hosted page's own upload form, the upload route).
  {
    en: /^is required: send the photo or video as a part named file$/,
    de: () => "Wählen Sie zuerst ein Foto oder Video.",
    he: () => "יש לבחור תמונה או סרטון קודם.",
  },
  {
    en: /^(?:file )?could not be read as an image \(damaged or incomplete\?\)$/,
    de: () => "konnte nicht als Bild gelesen werden (beschädigt oder unvollständig?)",
    he: () => "לא ניתן לקרוא את הקובץ כתמונה (פגום או חלקי?)",
  },
  {
    en: /^images may have at most (?<n>\d+) megapixels$/,
    de: (g) => `Bilder dürfen höchstens ${g.n} Megapixel haben`,
    he: (g) => `תמונה יכולה להכיל עד ${g.n} מגה-פיקסל`,
  },
  {
    en: /^photos may be at most (?<n>\d+) MB$/,
    de: (g) => `Fotos dürfen höchstens ${g.n} MB groß sein`,
    he: (g) => `תמונה יכולה להיות בגודל של עד ${g.n} MB`,
  },
  {
    en: /^uploads may be at most (?<video>\d+) MB \(videos\) or (?<photo>\d+) MB \(photos\)$/,
    de: (g) => `Dateien dürfen höchstens ${g.video} MB (Videos) oder ${g.photo} MB (Fotos) groß sein`,
    he: (g) => `קבצים יכולים להיות בגודל של עד ${g.video} MB (סרטונים) או ${g.photo} MB (תמונות)`,
  },
  {
    en: /^a poster may be at most (?<n>\d+) MB$/,
    de: (g) => `Ein Vorschaubild darf höchstens ${g.n} MB groß sein`,
    he: (g) => `תמונת תצוגה יכולה להיות בגודל של עד ${g.n} MB`,
  },
  {
    en: /^(?:videos )?may be at most (?<n>\d+) minutes long$/,
    de: (g) => `Videos dürfen höchstens ${g.n} Minuten lang sein`,
    he: (g) => `סרטון יכול להימשך עד ${g.n} דקות`,
  },
  {
    en: /^(?:file|poster) must be a JPEG, PNG, WebP, AVIF or HEIC photo, or an MP4, WebM or MOV video$/,
    de: () => "Nur Fotos (JPEG, PNG, WebP, AVIF, HEIC) und Videos (MP4, WebM, MOV) sind möglich",
    he: () => "אפשר להעלות רק תמונות (JPEG,‏ PNG,‏ WebP,‏ AVIF,‏ HEIC) וסרטונים (MP4,‏ WebM,‏ MOV)",
  },
  {
    en: /^HEIC photos cannot be read here; send JPEG \(iPhone: Settings › Camera › Formats › Most Compatible\)$/,
    de: () =>
      "HEIC-Fotos können hier nicht gelesen werden; senden Sie JPEG (iPhone: Einstellungen › Kamera › Formate › Maximale Kompatibilität)",
    he: () => "אי אפשר לקרוא כאן תמונות HEIC; יש לשלוח JPEG (אייפון: הגדרות › מצלמה › פורמטים › התאמה מרבית)",
  },
  {
    en: /^this store keeps no more photos or videos for now; send the review without them$/,
    de: () => "Dieser Shop nimmt gerade keine Fotos oder Videos mehr an; senden Sie die Bewertung ohne sie",
    he: () => "החנות לא מקבלת כרגע תמונות או סרטונים נוספים; אפשר לשלוח את הביקורת בלעדיהם",
  },
  {
    en: /^at most (?<n>\d+) photos or videos per review$/,
    de: (g) => `höchstens ${g.n} Fotos oder Videos pro Bewertung`,
    he: (g) => `עד ${g.n} תמונות או סרטונים לביקורת`,
  },
  // Too many at once: the code (rate_limited) and Retry-After say it to a program.
  {
    en: /^too many (?:requests|uploads|searches); try again later$/,
    de: () => "Zu viele Anfragen; bitte versuchen Sie es später noch einmal",
    he: () => "יותר מדי בקשות; נסו שוב מאוחר יותר",
  },
];

/** A server message (English) in `locale`; English, or one the catalog does not know, as it is. */
export function localizeMessage(message: string, locale: MessageLocale): string {
  if (locale === "en") return message;
  for (const entry of CATALOG) {
    const match = entry.en.exec(message);
    if (match) return entry[locale](match.groups ?? {}) ?? message;
  }
  return message;
}

/** Each field's message in `locale`; the field names (machine-readable) unchanged. */
export function localizeFields(
  fields: Record<string, string>,
  locale: MessageLocale,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(fields).map(([field, message]) => [field, localizeMessage(message, locale)]),
  );
}

/** One Accept-Language range as a language we speak (de-AT → de; iw is Hebrew's old tag), else undefined. */
export function spokenLocale(range: string): MessageLocale | undefined {
  const language = range.trim().toLowerCase().split(/[-_]/)[0];
  if (language === "en" || language === "de") return language;
  if (language === "he" || language === "iw") return "he";
  return undefined;
}

/**
 * The language an API request asks for: the most wanted (by q-value) of its Accept-Language
 * that we speak, else English. "de;q=0.1, he;q=0.9" → he.
 */
export function acceptedLocale(header: string | null | undefined): MessageLocale {
  return negotiateLanguage(header, spokenLocale, "en");
}

/** API.md's error body of `error` in `locale`: the same code and field names, the words translated. */
export function localizedBody(error: ApiError, locale: MessageLocale): ApiErrorBody {
  const fields = error.fields ? localizeFields(error.fields, locale) : undefined;
  // validation_failed's message is its first field and that field's message (errors.ts).
  const [first] = Object.entries(error.fields ?? {});
  const message =
    first && error.message === `${first[0]} ${first[1]}`
      ? `${first[0]} ${localizeMessage(first[1], locale)}`
      : localizeMessage(error.message, locale);
  return { error: { code: error.code, message, ...(fields ? { fields } : {}) } };
}
