import type { Migration } from "kysely";
import * as m0001 from "./0001-reviews.ts";
import * as m0002 from "./0002-loyalty.ts";
import * as m0003 from "./0003-media.ts";
import * as m0004 from "./0004-review-search.ts";
import * as m0050 from "./0050-trust.ts";

/**
 * Every migration, in order. Names sort by their NNNN prefix; add a new file
 * `NNNN-name.ts` exporting up/down and one line here.
 */
export const migrations: Record<string, Migration> = {
  "0001-reviews": m0001,
  "0002-loyalty": m0002,
  "0003-media": m0003,
  "0004-review-search": m0004,
  "0050-trust": m0050,
};
