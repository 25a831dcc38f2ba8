// Which language a widget speaks, read off the page. Its own file: the loader's first paint
// (no widget code yet) asks the server for markup in this language.

// A page with 24 badges asks 24 times; Intl's answer for a tag does not change.
const canonical = new Map<string, string>();

/**
 * The closest `lang` above an element, across shadow roots: a widget's element placed inside a
 * storefront component's shadow root (Lit, Stencil) still speaks the page's language.
 */
function closestLang(el: Element | null | undefined): string | null | undefined {
  for (let node = el; node; node = (node.getRootNode() as ShadowRoot).host) {
    const found = node.closest("[lang]");
    if (found) return found.getAttribute("lang");
  }
}

/**
 * `data-locale` on the element, then the closest `lang` (the page's language, found across shadow
 * roots), then the browser's.
 * A POSIX-style tag some platforms write (`de_DE`, `he_IL`) is read as the BCP 47 one it means.
 */
export function resolveLocale(el?: Element | null): string {
  const tag = (
    el?.getAttribute("data-locale") ||
    closestLang(el) ||
    (typeof navigator === "undefined" ? undefined : navigator.language) ||
    "en"
  ).replace(/_/g, "-");
  let locale = canonical.get(tag);
  if (locale === undefined) {
    try {
      locale = Intl.getCanonicalLocales(tag)[0] ?? "en";
    } catch {
      locale = "en";
    }
    canonical.set(tag, locale);
  }
  return locale;
}
