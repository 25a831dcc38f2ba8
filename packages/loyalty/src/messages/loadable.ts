// The loyalty widgets' catalogs as the browser gets them (core's load-catalog.ts): English with the
// code, German and Hebrew each a chunk of its own, imported only on a page that speaks it. The
// launcher, the inline widgets and the panel share a language's one chunk (the full catalog).
import type { LoadableCatalogs } from "@plaudit/core";
import { inlineEn } from "./inline.ts";

/** German and Hebrew; the panel's catalogs (its English in the panel's chunk) use the same loaders. */
export const otherLanguages = {
  de: () => import("./de.ts").then((module) => module.de),
  he: () => import("./he.ts").then((module) => module.he),
};

/** The launcher and the inline widgets: their few English strings, or the language's full catalog. */
export const inlineLoadable: LoadableCatalogs = { en: inlineEn, ...otherLanguages };
