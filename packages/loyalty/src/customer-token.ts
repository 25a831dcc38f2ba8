import { scriptTagToken, type WidgetConfig } from "@plaudit/core";

/**
 * The signed customer token the store's server wrote into the page: `data-customer-token` on the
 * widget's host, else on the plaudit.js script tag. Widgets use the store's one shopper identity
 * (`shopperToken(store, config)` in @plaudit/core); this answers what the page says, for views of
 * your own.
 */
export function customerTokenFor(host: Element, config: WidgetConfig): string | undefined {
  return config.options.customerToken?.trim() || scriptTagToken(host.ownerDocument);
}
