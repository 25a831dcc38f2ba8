import { de } from "./de.ts";
import { en } from "./en.ts";
import { he } from "./he.ts";
import { inlineEn } from "./inline.ts";

/** The loyalty panel's catalogs, for core's createI18n. */
export const loyaltyCatalogs = { en, de, he };
export type { LoyaltyMessageKey, LoyaltyMessages } from "./en.ts";
/** The launcher's and the inline widgets' catalogs (English's few strings; the full German and Hebrew). */
export const inlineCatalogs = { en: inlineEn, de, he };
