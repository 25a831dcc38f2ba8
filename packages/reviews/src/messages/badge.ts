// The few strings the star badge needs, apart from the full catalogs so the collection-page chunk
// stays small. The full catalogs include these; German and Hebrew have only their full catalogs
// (one chunk per language, loaded on a page that speaks it: loadable.ts).
export const badgeEn = {
  "stars.label": "{rating} out of 5 stars",
  "reviewCount.one": "{count} review",
  "reviewCount.other": "{count} reviews",
  "badge.label": "{rating} out of 5 stars, {reviews}",
};
