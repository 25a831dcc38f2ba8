import type { Migration } from "kysely";
import * as m0001 from "./0001-reviews.ts";
import * as m0002 from "./0002-loyalty.ts";
import * as m0003 from "./0003-media.ts";
import * as m0004 from "./0004-review-search.ts";
import * as m0010 from "./0010-keys-and-secrets.ts";
import * as m0011 from "./0011-points-bigint.ts";
import * as m0012 from "./0012-one-current-secret.ts";
import * as m0020 from "./0020-audit-log.ts";
import * as m0021 from "./0021-privacy.ts";
import * as m0030 from "./0030-jobs.ts";
import * as m0031 from "./0031-suppression.ts";
import * as m0032 from "./0032-review-requests.ts";
import * as m0033 from "./0033-request-reminder-slot.ts";
import * as m0040 from "./0040-admin-users.ts";
import * as m0050 from "./0050-trust.ts";
import * as m0051 from "./0051-search-by-store.ts";
import * as m0060 from "./0060-ledger-append-only.ts";
import * as m0062 from "./0062-store-time-zone.ts";
import * as m0063 from "./0063-redemptions-by-reward.ts";
import * as m0064 from "./0064-request-media-once.ts";

/**
 * Every migration, in order. Names sort by their NNNN prefix; add a new file
 * `NNNN-name.ts` exporting up/down and one line here.
 */
export const migrations: Record<string, Migration> = {
  "0001-reviews": m0001,
  "0002-loyalty": m0002,
  "0003-media": m0003,
  "0004-review-search": m0004,
  "0010-keys-and-secrets": m0010,
  "0011-points-bigint": m0011,
  "0012-one-current-secret": m0012,
  "0020-audit-log": m0020,
  "0021-privacy": m0021,
  "0030-jobs": m0030,
  "0031-suppression": m0031,
  "0032-review-requests": m0032,
  "0033-request-reminder-slot": m0033,
  "0040-admin-users": m0040,
  "0050-trust": m0050,
  "0051-search-by-store": m0051,
  "0060-ledger-append-only": m0060,
  "0062-store-time-zone": m0062,
  "0063-redemptions-by-reward": m0063,
  "0064-request-media-once": m0064,
};
