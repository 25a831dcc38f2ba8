import type { WidgetConfig } from "@plaudit/core";

/**
 * The signed customer token the store's server wrote into the page: `data-customer-token` on the
 * widget's host, else on the plaudit.js script tag (one attribute for every widget). Absent: guest.
 */
export function customerTokenFor(host: Element, config: WidgetConfig): string | undefined {
  const own = config.options.customerToken?.trim();
  if (own) return own;
  const script = host.ownerDocument.querySelector<HTMLScriptElement>("script[src][data-customer-token]");
  return script?.dataset.customerToken?.trim() || undefined;
}
