// The reviews widgets' catalogs as the browser gets them (core's load-catalog.ts): English with the
// code, German and Hebrew each a chunk of its own, imported only on a page that speaks it. The
// badge and the list share a language's one chunk (the full catalog includes the badge's strings),
// so a German product page loads it once. The server renders from messages/index.ts, all at hand.
import type { LoadableCatalogs } from "@plaudit/core";
import { badgeEn } from "./badge.ts";
import { en } from "./en.ts";

const de = () => import("./de.ts").then((module) => module.de);
const he = () => import("./he.ts").then((module) => module.he);

export const reviewsLoadable: LoadableCatalogs = { en, de, he };
/** The star badge: its few English strings, or the language's full catalog. */
export const badgeLoadable: LoadableCatalogs = { en: badgeEn, de, he };
