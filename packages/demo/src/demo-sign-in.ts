import {
  currentSigningSecret,
  errorBody,
  findStore,
  type RouteModule,
  readJsonBody,
  signCustomerToken,
} from "@plaudit/server/internals";

// The demo shop has no accounts of its own, yet the loyalty demo needs a signed-in shopper. A
// real store's server makes the customer token for its logged-in customer (docs/loyalty.md); here
// the Plaudit server plays that part — for the seeded `demo` store only, only for `demo-…`
// customer ids, and only where the demo is mounted (`start --demo`: index.ts's `routes`).
const DEMO_STORE = "demo";
const DEMO_CUSTOMER = /^demo-[a-z0-9-]{1,40}$/;
const SIGN_IN_BODY_BYTES = 1024;

export const demoSignInRoutes: RouteModule = {
  name: "demo-sign-in",
  register(app, ctx) {
    app.post("/demo/sign-in", async (c) => {
      // Bounded like every JSON body, and smaller: `{ "customer": "demo-…" }` is all it takes.
      const body = await readJsonBody(c, SIGN_IN_BODY_BYTES);
      const customer =
        typeof body === "object" && body !== null ? (body as { customer?: unknown }).customer : undefined;
      if (typeof customer !== "string" || !DEMO_CUSTOMER.test(customer)) {
        const message =
          'customer must look like "demo-shopper" (demo-, then lowercase letters, digits, dashes)';
        return c.json(errorBody("validation_failed", message, { customer: message }), 422);
      }
      const store = await findStore(ctx.db, DEMO_STORE);
      if (!store) return c.json(errorBody("store_not_found", "the demo store is not seeded"), 404);
      const secret = await currentSigningSecret(ctx.db.kysely, ctx.secrets, {
        storeId: DEMO_STORE,
        purpose: "customer_token",
      });
      if (secret === undefined)
        return c.json(errorBody("store_not_found", "the demo store is not seeded"), 404);
      return c.json(
        { customerId: customer, customerToken: signCustomerToken(secret, customer, ctx.clock()) },
        200,
        { "Cache-Control": "no-store" },
      );
    });
  },
};
