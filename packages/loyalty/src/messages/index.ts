import { de } from "./de.ts";
import { en } from "./en.ts";
import { he } from "./he.ts";

/** The loyalty panel's catalogs, for core's createI18n. */
export const loyaltyCatalogs = { en, de, he };
export type { LoyaltyMessageKey, LoyaltyMessages } from "./en.ts";
export { inlineCatalogs } from "./inline.ts";
