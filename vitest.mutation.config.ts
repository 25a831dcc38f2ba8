import { defineConfig } from "vitest/config";
import { fromSource } from "./vite.config.ts";

// The server suites `npm run mutation` runs against each mutant (stryker.config.mjs): the route,
// loyalty, media-upload, keys and auth tests that exercise the guard modules, on SQLite, without
// the crash, fuzz and benchmark-sized suites (slow, and they guard other things).
// PLAUDIT_MUTATION_TESTS (comma-separated globs) narrows a per-module run to the suites that cover
// that module, so one run stays short on a loaded machine, e.g.
//   PLAUDIT_MUTATION_TESTS=packages/server/src/routes/review-votes.test.ts \
//     npx stryker run --mutate packages/server/src/reviews/review-votes.ts
const narrowed = process.env.PLAUDIT_MUTATION_TESTS?.split(",").filter((glob) => glob !== "");

export default defineConfig({
  // Our packages from their TypeScript source, as in `npm test` (dist/ may be missing or stale).
  ...fromSource,
  test: {
    name: "mutation",
    environment: "node",
    include: narrowed?.length
      ? narrowed
      : [
          "packages/server/src/routes/*.test.ts",
          "packages/server/src/loyalty/*.test.ts",
          "packages/server/src/media/media-upload.test.ts",
          "packages/server/src/media/receive-upload.test.ts",
          "packages/server/src/media/sniff-type.test.ts",
          "packages/server/src/http/store-scope.test.ts",
          "packages/server/src/http/admin-auth.test.ts",
          "packages/server/src/customer-token.test.ts",
          "packages/server/src/rate-limit.test.ts",
          "packages/server/src/auth/*.test.ts",
          "packages/server/src/admin-users/*.test.ts",
          "packages/server/src/keys/admin-keys*.test.ts",
        ],
    env: { PLAUDIT_TEST_PG: "off" },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
