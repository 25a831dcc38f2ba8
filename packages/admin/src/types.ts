// The shapes the admin API answers, from the contract (types only: no schema code is bundled).

import type {
  AdminMediaPage,
  AdminReview,
  AdminSession as AdminSessionSchema,
  AdminUser as AdminUserSchema,
  AuditItem,
  CustomerDetail,
  CustomerMatches,
  ErasureResult as ErasureResultSchema,
  Overview,
  PersonExport,
  PersonLookup,
  RequestSettingsAnswer,
  ReviewRequest,
  SuppressionResult,
  SuppressionStatus,
} from "@plaudit/contract";
import type * as v from "valibot";

export type AdminSession = v.InferOutput<typeof AdminSessionSchema>;
export type AdminUser = v.InferOutput<typeof AdminUserSchema>;
export type ErasureResult = v.InferOutput<typeof ErasureResultSchema>;
export type AdminMediaItem = AdminMediaPage["items"][number];
export type {
  AdminReview,
  AuditItem,
  CustomerDetail,
  CustomerMatches,
  Overview,
  PersonExport,
  PersonLookup,
  RequestSettingsAnswer,
  ReviewRequest,
  SuppressionResult,
  SuppressionStatus,
};
