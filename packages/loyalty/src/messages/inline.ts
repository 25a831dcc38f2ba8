// The few strings the launcher and the inline widgets need, apart from the panel's catalogs so a
// page with only the launcher stays small. The full catalogs include these. Plural keys follow the
// CLDR categories of each language (Hebrew: one, two, other).
export const inlineEn = {
  "launcher.label": "Rewards",
  "points.count.one": "{count} point",
  "points.count.other": "{count} points",
  "points.balance": "Your balance: {points}",
  "pointsFor.text": "Earn {points} with this purchase",
};
type InlineMessages = Record<keyof typeof inlineEn, string> & Record<string, string>;

export const inlineDe: InlineMessages = {
  "launcher.label": "Prämien",
  "points.count.one": "{count} Punkt",
  "points.count.other": "{count} Punkte",
  "points.balance": "Ihr Punktestand: {points}",
  "pointsFor.text": "Sammeln Sie {points} mit diesem Einkauf",
};

export const inlineHe: InlineMessages = {
  "launcher.label": "הטבות",
  "points.count.one": "נקודה אחת",
  "points.count.two": "{count} נקודות",
  "points.count.other": "{count} נקודות",
  "points.balance": "היתרה שלך: {points}",
  "pointsFor.text": "צברו {points} ברכישה זו",
};

export const inlineCatalogs = { en: inlineEn, de: inlineDe, he: inlineHe };
