// Options both server renderers share, resolved once.
import type { Theme } from "@plaudit/core";
import type { ShadowMode, StylesMode } from "./host-markup.ts";
import type { ServerClientOptions } from "./load-data.ts";
import type { ProductFacts } from "./product-json-ld.ts";
import { widgetCssFile } from "./widget-css.ts";

export interface RenderOptions {
  /** Public store id. */
  store: string;
  product: ProductFacts;
  /** Your Plaudit server, e.g. "https://reviews.example.com": where data comes from (unless `data`), the CSS file, `data-api`. */
  api?: string;
  /** BCP 47 tag; default "en". Written as `data-locale`, so the browser hydrates in the same language. */
  locale?: string;
  /** Default "auto". */
  theme?: Theme;
  /** "declarative" (default): a declarative shadow root; "light": plain markup, for browsers without it. */
  shadow?: ShadowMode;
  /** "inline" (default): a <style> in the shadow root; "link": `<link rel="stylesheet">` to the server's CSS file. */
  styles?: StylesMode;
  /** The CSS file's URL for `styles: "link"`; default `{api}/{widgetCssFile}`. */
  stylesheet?: string;
  /**
   * Your page's CSP nonce (`style-src 'nonce-…'`): put on the inline <style>, so a strict policy
   * without 'unsafe-inline' keeps the server-rendered widget styled before any script runs.
   */
  nonce?: string;
  /** Timeouts, retries, or your own `fetch` for the API reads. */
  client?: ServerClientOptions;
}

export interface ResolvedOptions {
  api: string | undefined;
  locale: string;
  theme: Theme;
  shadow: ShadowMode;
  styles: StylesMode;
  stylesheet: string;
  nonce: string | undefined;
}

export function resolveOptions(options: RenderOptions): ResolvedOptions {
  if (!options.store)
    throw new TypeError("[plaudit] renderReviews/renderStars need `store`: your public store id");
  if (!options.product?.id)
    throw new TypeError("[plaudit] renderReviews/renderStars need `product.id`: your product id");
  const api = options.api?.replace(/\/+$/, "");
  const styles = options.styles ?? "inline";
  if (styles === "link" && !api && !options.stylesheet) {
    throw new TypeError(
      '[plaudit] styles: "link" needs `api` (the Plaudit server) or `stylesheet` (the CSS URL)',
    );
  }
  return {
    api,
    locale: options.locale ?? "en",
    theme: options.theme ?? "auto",
    shadow: options.shadow ?? "declarative",
    styles,
    stylesheet: options.stylesheet ?? `${api}/${widgetCssFile}`,
    nonce: options.nonce || undefined,
  };
}
