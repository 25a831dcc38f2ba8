// The shapes the admin API answers, from the contract (types only: no schema code is bundled).

import type {
  AdminReview,
  AdminSession as AdminSessionSchema,
  AuditItem,
  CustomerDetail,
  CustomerMatches,
  Overview,
} from "@plaudit/contract";
import type * as v from "valibot";

export type AdminSession = v.InferOutput<typeof AdminSessionSchema>;
export type { AdminReview, AuditItem, CustomerDetail, CustomerMatches, Overview };
