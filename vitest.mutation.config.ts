import { defineConfig } from "vitest/config";

// The server suites `npm run mutation` runs against each mutant (stryker.config.mjs): the route,
// loyalty, media-upload and auth tests that exercise the guard modules, on SQLite, without the
// crash, fuzz and benchmark-sized suites (slow, and they guard other things).
export default defineConfig({
  test: {
    name: "mutation",
    environment: "node",
    include: [
      "packages/server/src/routes/*.test.ts",
      "packages/server/src/loyalty/*.test.ts",
      "packages/server/src/media/media-upload.test.ts",
      "packages/server/src/customer-token.test.ts",
      "packages/server/src/rate-limit.test.ts",
      "packages/server/src/auth/*.test.ts",
      "packages/server/src/admin-users/*.test.ts",
    ],
    env: { PLAUDIT_TEST_PG: "off" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
