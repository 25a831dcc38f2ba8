import preact from "@preact/preset-vite";
import { defaultClientConditions, defaultServerConditions } from "vite";
import { defineConfig } from "vitest/config";
import { WAIT_FOR_MS } from "./scripts/test-waits.mjs";

// Tests run our packages from their TypeScript source: the "@plaudit/source" condition of each
// package's exports (dist/ is what npm users get, and may be stale or missing here).
const SOURCE = "@plaudit/source";
export const fromSource = {
  resolve: { conditions: [SOURCE, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE, ...defaultServerConditions], externalConditions: [SOURCE] } },
};

// expect.poll's limit in every project (scripts/test-waits.mjs says why it is not 1 s).
const waits = { expect: { poll: { timeout: WAIT_FOR_MS } } };

// One Vitest run, four projects: widget code in a DOM (happy-dom), the server in Node against
// real SQLite and PostgreSQL, the browser suite driving Debian's Chromium through playwright-core,
// and packaging (the tooling's own tests, the packed tarballs installed as a storefront would).
export default defineConfig({
  test: {
    // Two test files at a time even on two cores (Vitest's default is one less than the cores):
    // most of a file's time is spent waiting on Chromium, a server process or PostgreSQL. The
    // browser files share the two slots with the rest (each has its own server on a free port, its
    // own database or schema and its own Chromium): a project with `fileParallelism: false` is
    // run by Vitest after every other file, one file at a time — 60 % of the run, one core idle.
    maxWorkers: 2,
    projects: [
      {
        ...fromSource,
        plugins: [preact()],
        test: {
          ...waits,
          name: "dom",
          environment: "happy-dom",
          setupFiles: ["packages/ui/testing/dom-setup.ts"],
          // Generous: the suite must pass on a machine whose cores are busy (no test is timed).
          testTimeout: 20_000,
          include: ["packages/{core,ui,reviews,loyalty,embed,admin}/src/**/*.test.{ts,tsx}"],
          exclude: ["packages/reviews/src/server/**"],
        },
      },
      {
        ...fromSource,
        plugins: [preact()],
        test: {
          ...waits,
          name: "server",
          environment: "node",
          // One process per worker runs file after file (Vitest's default forks a fresh one per
          // file): the server's ~300 modules and its dependencies are loaded once per worker, not
          // once per file (~2–7 s each, ~120 files). Safe because the server's tests share no
          // module state: each opens its own database and server on a free port and closes them,
          // nothing is mocked at module level (vi.mock), no global is replaced.
          isolate: false,
          // The CLI bundled once for the run: the suites spawn it (packages/server/testing/built-cli.ts).
          globalSetup: ["packages/server/testing/built-cli-setup.ts"],
          include: [
            "packages/server/src/**/*.test.{ts,tsx}",
            // The crash and fuzz suites, in the server's test kit (never in src/, never shipped).
            "packages/server/testing/**/*.test.ts",
            "packages/reviews/src/server/**/*.test.{ts,tsx}",
            // The demo (a private package the server loads for `start --demo`), on the same databases.
            "packages/demo/src/**/*.test.{ts,tsx}",
          ],
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        ...fromSource,
        test: {
          ...waits,
          name: "e2e",
          environment: "node",
          include: ["e2e/**/*.test.ts"],
          // The demo store seeded once for the run; each file's server starts on a copy of it.
          globalSetup: ["e2e/seeded-demo.ts"],
          testTimeout: 60_000,
          // Starting the seeded server takes seconds, many on a busy machine (the harness gives
          // it 120 s before calling it hung).
          hookTimeout: 150_000,
        },
      },
      {
        ...fromSource,
        test: {
          ...waits,
          // The shopper's main flows again with the server on PostgreSQL (a database of its own
          // each, copied from the demo seeded once for the run): the product page, writing a
          // review, and loyalty; and the merchant admin's.
          name: "e2e-postgres",
          environment: "node",
          globalSetup: ["e2e/seeded-demo.ts"],
          include: [
            "e2e/product-page.test.ts",
            "e2e/reviews-widget-write.test.ts",
            "e2e/loyalty.test.ts",
            // The merchant admin's jobs and screens (issue 18), SQL-count checks included.
            "e2e/admin-jobs.test.ts",
            "e2e/admin-media-users.test.ts",
            "e2e/admin-privacy.test.ts",
          ],
          env: { PLAUDIT_E2E_DATABASE: "postgres" },
          testTimeout: 60_000,
          // Starting the seeded server takes seconds, many on a busy machine (the harness gives
          // it 120 s before calling it hung).
          hookTimeout: 150_000,
        },
      },
      {
        test: {
          ...waits,
          // The repository's own tooling (scripts/, bench/) and the packages as npm users get them:
          // packed, installed outside the repository, imported, type-checked, built and started.
          name: "packaging",
          environment: "node",
          include: ["scripts/**/*.test.ts", "packaging/**/*.test.ts", "bench/**/*.test.ts"],
          testTimeout: 240_000,
          hookTimeout: 240_000,
        },
      },
    ],
  },
});
