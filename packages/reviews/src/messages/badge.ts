// The few strings the star badge needs, apart from the full catalogs so the collection-page chunk
// stays small. The full catalogs include these.
export const badgeEn = {
  "stars.label": "{rating} out of 5 stars",
  "reviewCount.one": "{count} review",
  "reviewCount.other": "{count} reviews",
  "badge.label": "{rating} out of 5 stars, {reviews}",
};
type BadgeMessages = Record<keyof typeof badgeEn, string>;

export const badgeDe: BadgeMessages = {
  "stars.label": "{rating} von 5 Sternen",
  "reviewCount.one": "{count} Bewertung",
  "reviewCount.other": "{count} Bewertungen",
  "badge.label": "{rating} von 5 Sternen, {reviews}",
};

// Hebrew plural categories (CLDR): one, two, other.
export const badgeHe: BadgeMessages & Record<string, string> = {
  "stars.label": "{rating} מתוך 5 כוכבים",
  "reviewCount.one": "ביקורת אחת",
  "reviewCount.two": "שתי ביקורות",
  "reviewCount.other": "{count} ביקורות",
  "badge.label": "{rating} מתוך 5 כוכבים, {reviews}",
};

export const badgeCatalogs = { en: badgeEn, de: badgeDe, he: badgeHe };
