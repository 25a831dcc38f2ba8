import { adminAppRoutes } from "../admin-app/routes.ts";
import { adminUserRoutes } from "../admin-users/routes.ts";
import { auditRoutes } from "../audit/audit-routes.ts";
import { catalogRoutes } from "../catalog/catalog-routes.ts";
import type { RouteModule } from "../context.ts";
import { keyRoutes } from "../keys/key-routes.ts";
import { loyaltyRoutes } from "../loyalty/routes.ts";
import { mediaRoutes } from "../media/media-routes.ts";
import { privacyRoutes } from "../privacy/privacy-routes.ts";
import {
  reviewPageRoutes,
  reviewRequestAdminRoutes,
  reviewRequestSuppressionRoutes,
} from "../review-requests/index.ts";
import { snippetRoutes } from "../snippet/snippet-routes.ts";
import { storeSettingsRoutes } from "../stores/store-settings-routes.ts";
import { adminOrderRoutes } from "./admin-orders.ts";
import { adminReviewRoutes } from "./admin-reviews.ts";
import { badgeRoutes } from "./badges.ts";
import { operationRoutes } from "./operations.ts";
import { reviewRoutes } from "./reviews.ts";

/**
 * Every route module, mounted in this order. A new module (loyalty, media) is one line here:
 * public routes under /v1/stores/:store/ get the store, CORS, origin checks and rate limits;
 * routes under /v1/admin/ get the bearer-key check.
 */
export const routeModules: RouteModule[] = [
  operationRoutes,
  reviewRoutes,
  adminOrderRoutes,
  adminReviewRoutes,
  adminUserRoutes,
  adminAppRoutes,
  loyaltyRoutes,
  mediaRoutes,
  snippetRoutes,
  badgeRoutes,
  keyRoutes,
  catalogRoutes,
  reviewRequestAdminRoutes,
  reviewRequestSuppressionRoutes,
  reviewPageRoutes,
  auditRoutes,
  privacyRoutes,
  storeSettingsRoutes,
];
