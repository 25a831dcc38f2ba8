import type { WidgetConfig } from "@plaudit/core/config";

/**
 * The settings every widget inherits from the `<script>` tag's own data attributes. The API
 * defaults to the server plaudit.js came from, so one attribute (`data-store`) is enough.
 * Values are checked later, with the host's own, by core's readConfig.
 */
export function readScriptConfig(script: HTMLScriptElement | null): Partial<WidgetConfig> {
  const data = script?.dataset ?? {};
  if (!data.store) {
    console.warn(
      '[plaudit] data-store is missing on the plaudit.js <script> tag: add data-store="your-store-id"',
    );
  }
  return {
    store: data.store,
    // Where plaudit.js is, the server is: its folder, so a server behind a path prefix
    // (…/reviews/plaudit.js) is asked under it, not at the shop's root. Without its tag to read,
    // the page's origin (a page's own folder is a shop path, never the server's).
    apiBase: data.api || (script?.src ? new URL(".", script.src).href.slice(0, -1) : location.origin),
    locale: data.locale,
    theme: data.theme as WidgetConfig["theme"],
  };
}
