import { de } from "./de.ts";
import { en } from "./en.ts";
import { he } from "./he.ts";

/** The reviews widgets' catalogs, for core's createI18n. */
export const reviewsCatalogs = { en, de, he };
export type { ReviewsMessageKey, ReviewsMessages } from "./en.ts";
