// The few strings the launcher and the inline widgets need, apart from the panel's catalogs so a
// page with only the launcher stays small. The full catalogs include these; German and Hebrew have
// only their full catalogs (one chunk per language, loaded on a page that speaks it: loadable.ts).
// Plural keys follow the CLDR categories of each language (Hebrew: one, two, other).
export const inlineEn = {
  "launcher.label": "Rewards",
  "points.count.one": "{count} point",
  "points.count.other": "{count} points",
  "points.balance": "Your balance: {points}",
  "pointsFor.text": "Earn {points} with this purchase",
};
