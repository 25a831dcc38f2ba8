// plaudit.js: the script-tag loader, built as a classic IIFE (scripts/build.mjs). It imports only
// the dependency-free parts of @plaudit/core; each widget kind's chunk is imported when needed.
import { startPlaudit } from "./start-plaudit.ts";

// Injected by scripts/build.mjs from the widget build's manifest.
declare const __PLAUDIT_CHUNKS__: Record<string, string>;
declare const __PLAUDIT_PAINTS__: Record<string, string>;
declare const __PLAUDIT_VERSION__: string;

startPlaudit({
  window,
  // currentScript is null when the tag was injected as a module or by some tag managers.
  script:
    (document.currentScript as HTMLScriptElement | null) ??
    document.querySelector<HTMLScriptElement>('script[src*="plaudit.js"]'),
  chunks: __PLAUDIT_CHUNKS__,
  paints: __PLAUDIT_PAINTS__,
  version: __PLAUDIT_VERSION__,
});
