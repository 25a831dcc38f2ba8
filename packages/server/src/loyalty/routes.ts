import type { RouteModule } from "../context.ts";
import { registerAdminLoyaltyRoutes } from "./admin-routes.ts";
import { registerPublicLoyaltyRoutes } from "./public-routes.ts";

/** The loyalty API: public widget routes under /v1/stores/:store/loyalty, admin under /v1/admin. */
export const loyaltyRoutes: RouteModule = {
  name: "loyalty",
  register(app, ctx) {
    registerPublicLoyaltyRoutes(app, ctx);
    registerAdminLoyaltyRoutes(app, ctx);
  },
};
