// Join / sign-in links come from data attributes the merchant's theme writes: only http(s) URLs
// (absolute or relative to the page) become links, never `javascript:`.
export function safeLinkUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : undefined;
  } catch {
    return undefined;
  }
}
