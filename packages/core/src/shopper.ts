// One shopper identity per page: the customer token the store's server signed for the signed-in
// shopper, read once and kept in the store (store.identifyShopper / store.customerToken), so every
// widget — reviews, loyalty, any headless view — acts for the same person.

/** `data-customer-token` on the plaudit.js script tag (one attribute for the whole page). */
export function scriptTagToken(doc: Document | undefined): string | undefined {
  const script = doc?.querySelector<HTMLScriptElement>("script[src][data-customer-token]");
  return script?.dataset.customerToken?.trim() || undefined;
}

/**
 * The shopper token a widget host brings (its `data-customer-token`, or the npm option, both in
 * `config.options.customerToken`) joins the store; answers the page's token.
 */
export function shopperToken(
  store: { identifyShopper(token: string | undefined): void; customerToken(): string | undefined },
  config: { options: Record<string, string | undefined> },
): string | undefined {
  store.identifyShopper(config.options.customerToken);
  return store.customerToken();
}
