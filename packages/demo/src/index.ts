// @plaudit/demo: the demo store — its seed (reviews, orders, loyalty, photos drawn in code), its
// admin owner, its shop pages and its sign-in. A private workspace package, never published:
// `plaudit-server start --demo` and `seed` load it by dynamic import through the server's demo
// hook (packages/server/src/demo-hook.ts); production never does. docs/server.md § The demo.
import { assertStrongSecret, CliError, type DemoHook, type DemoNotice } from "@plaudit/server/internals";
import { seedDemoOwner } from "./demo-owner.ts";
import { demoSignInRoutes } from "./demo-sign-in.ts";
import { DEFAULT_DEMO_DIR, demoPages } from "./pages.ts";
import { renderedCollection } from "./rendered-collection.ts";
import { seedBenchmarkReviews, seedDemo } from "./seed.ts";

export { DEMO_OWNER_EMAIL, seedDemoOwner } from "./demo-owner.ts";
export { DEMO_STORE_ID, type SeedResult, seedBenchmarkReviews, seedDemo } from "./seed.ts";
export { DEMO_LOYALTY_PROGRAM } from "./seed-loyalty.ts";
export { DEMO_PRODUCTS } from "./seed-texts.ts";

const setting = (env: Record<string, string | undefined>, name: string) => env[name]?.trim() || undefined;

/** What the server's CLI calls with `start --demo` and `seed`. */
export const demo: DemoHook = {
  async seed({ db, secrets, mediaStorage, env }) {
    const envSecret = setting(env, "PLAUDIT_DEMO_SECRET");
    if (envSecret) {
      try {
        assertStrongSecret("PLAUDIT_DEMO_SECRET", envSecret);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
    }
    const seeded = await seedDemo(db, {
      secrets,
      ...(mediaStorage ? { mediaStorage } : {}),
      ...(envSecret ? { secretKey: envSecret } : {}),
    });
    const notices: DemoNotice[] = [];
    if (seeded.created && !envSecret) {
      notices.push({
        msg: "created the demo store; its secret key (admin API, customer tokens) is stored in the database; set PLAUDIT_DEMO_SECRET to choose your own",
        secretKey: seeded.secretKey,
      });
    }
    const adminPassword = setting(env, "PLAUDIT_DEMO_ADMIN_PASSWORD");
    const owner = await seedDemoOwner(db, {
      storeId: "demo",
      now: new Date(),
      ...(adminPassword ? { password: adminPassword } : {}),
    });
    const adminSignIn = (adminUrl: string): DemoNotice =>
      owner.password && !adminPassword
        ? {
            msg: "created the demo store's owner: sign in to the admin app",
            adminUrl,
            store: "demo",
            email: owner.email,
            password: owner.password,
          }
        : {
            msg: `admin app (plaudit-server users invite --store demo --email ${owner.email} prints a link to set a new password)`,
            adminUrl,
            store: "demo",
            email: owner.email,
          };
    return { created: seeded.created, reviews: seeded.reviews, photos: seeded.photos, notices, adminSignIn };
  },

  seedBenchmarkReviews: (db, { count, productId }) =>
    seedBenchmarkReviews(db, { count, ...(productId ? { productId } : {}) }),

  routes: (env) => {
    const dir = setting(env, "PLAUDIT_DEMO_DIR") ?? DEFAULT_DEMO_DIR;
    // The rendered collection before the pages' catch-all /demo/*.
    return [demoSignInRoutes, renderedCollection(dir), demoPages(dir)];
  },
};
