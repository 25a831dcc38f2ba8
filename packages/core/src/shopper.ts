// One shopper identity per page: the customer token the store's server signed for the signed-in
// shopper, read once and kept in the store (store.identifyShopper / store.customerToken), so every
// widget — reviews, loyalty, any headless view — acts for the same person.

/** `data-customer-token` on the plaudit.js script tag (one attribute for the whole page). */
export function scriptTagToken(doc: Document | undefined): string | undefined {
  return tokenScript(doc)?.dataset.customerToken?.trim() || undefined;
}

const tokenScript = (doc: Document | undefined) =>
  doc?.querySelector<HTMLScriptElement>("script[src][data-customer-token]") ?? undefined;

/**
 * Follows `data-customer-token` on `element` (a widget's host, the script tag): a new value is a new
 * shopper, the attribute removed (or emptied) is "signed out" — what a single-page storefront does
 * to the markup when the shopper signs in or out without a page load. Answers the stop.
 */
export function followTokenAttribute(
  store: { identifyShopper(token: string | null | undefined): void },
  element: Element | undefined,
): () => void {
  if (!element || typeof MutationObserver !== "function") return () => {};
  const watch = new MutationObserver(() =>
    store.identifyShopper(element.getAttribute("data-customer-token")?.trim() || null),
  );
  watch.observe(element, { attributes: true, attributeFilter: ["data-customer-token"] });
  return () => watch.disconnect();
}

/** The plaudit.js tag, to follow its token (store.ts): the one with a token, else the one with a store. */
export const plauditScriptTag = (doc: Document | undefined): Element | undefined =>
  tokenScript(doc) ?? doc?.querySelector("script[src][data-store]") ?? undefined;

/**
 * The shopper token a widget host brings (its `data-customer-token`, or the npm option, both in
 * `config.options.customerToken`) joins the store; answers the page's token.
 */
export function shopperToken(
  store: { identifyShopper(token: string | null | undefined): void; customerToken(): string | undefined },
  config: { options: Record<string, string | undefined> },
): string | undefined {
  store.identifyShopper(config.options.customerToken);
  return store.customerToken();
}
