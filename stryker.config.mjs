// Mutation testing of the guard code (`npm run mutation`; not part of `npm test`): the modules
// where a mutant that survives is a security or money bug — store scoping, admin and customer
// authentication, review visibility, the points ledger and redemptions, idempotency, rate limits
// and upload checks. The server suites run on SQLite here (the guards are the same code on both
// databases; `npm test` runs them on PostgreSQL too). Score and survivors: bench/RESULTS.md.
// Run one module at a time, narrowed to the suites that cover it (vitest.mutation.config.ts):
//   PLAUDIT_MUTATION_TESTS=<test globs> npx stryker run --mutate <module>
// @ts-check
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  testRunner: "vitest",
  vitest: { configFile: "vitest.mutation.config.ts", related: false },
  coverageAnalysis: "perTest",
  mutate: [
    "packages/server/src/http/store-scope.ts",
    "packages/server/src/http/admin-auth.ts",
    "packages/server/src/http/require-scope.ts",
    "packages/server/src/auth/scopes.ts",
    "packages/server/src/customer-token.ts",
    "packages/server/src/loyalty/customer-auth.ts",
    "packages/server/src/reviews/review-votes.ts",
    "packages/server/src/reviews/published-review.ts",
    "packages/server/src/loyalty/ledger.ts",
    "packages/server/src/loyalty/redeem.ts",
    "packages/server/src/loyalty/idempotency.ts",
    "packages/server/src/rate-limit.ts",
    "packages/server/src/media/sniff-type.ts",
    "packages/server/src/media/receive-upload.ts",
    // Admin keys (issue 13) and the admin app's cookie sessions, CSRF and sign-in throttle (issue 18).
    "packages/server/src/keys/admin-keys.ts",
    "packages/server/src/admin-users/session-auth.ts",
    "packages/server/src/admin-users/sessions.ts",
    "packages/server/src/admin-users/throttle.ts",
  ],
  // Surviving mutants explained as equivalent (on the SQLite run this config does):
  // - reviews/review-votes.ts:29 `if (ctx.db.kind === "postgres") find = find.forUpdate()` → `if (false)`:
  //   SQLite runs one write transaction at a time, so the row lock only matters on PostgreSQL
  //   (the 60-concurrent-voters test of review-votes.test.ts runs there under `npm test`).
  // - keys/admin-keys.ts:44 `typeof s === "string" && isGrant(s)` → `true && isGrant(s)`: isGrant()
  //   is `=== "*"` or a lookup in the list of scope strings, false for every non-string already.
  // - customer-token.ts:29 `lastDot > 0 ? token.lastIndexOf(".", lastDot - 1) : -1` (→ `true`,
  //   `lastDot >= 0`, `+1`): with no dot after position 0, whatever secondDot becomes, the seconds
  //   part is empty or not 1–12 digits (or the signature part is not 64 hex), so the token is
  //   "invalid" on the next line either way.
  // - admin-users/session-auth.ts:27 and :32 `!session || !store` → `!session && !store`: a session
  //   belongs to an admin user, and admin_users.store_id references stores.id (migration 0040, with
  //   foreign keys on in SQLite too), so a live session whose store is gone cannot exist.
  // - admin-users/throttle.ts:47 `u !== null && u > at` → `true && u > at`, and :67
  //   `row.locked_until !== null && …` → `true && …`: `null > "2026-…"` and `null <= "2026-…"` are
  //   both false in JavaScript (null → 0, the ISO text → NaN), so the null check changes nothing.
  // - admin-users/throttle.ts:100 `Math.max(...windowMinutes)` → `Math.min(…)`: both kinds' windows
  //   are 15 minutes (SIGN_IN_LIMITS), so the longest is also the shortest.
  // - rate-limit.ts:30 `if (!json) return DEFAULT_RATE_LIMITS` → `if (false)`: JSON.parse of null or
  //   "" throws or yields null, and the catch below answers the same defaults.
  // - rate-limit.ts:83 `if (oldest !== undefined)` → `if (true)`: past maxBuckets the map is not
  //   empty, so its first key is never undefined.
  // - loyalty/ledger.ts:110 `if (postgres) query = query.forUpdate()` → `if (false)`: as for the vote
  //   route, the row lock matters on PostgreSQL only; SQLite's BEGIN IMMEDIATE excludes writers.
  // - loyalty/ledger.ts:157 `if (entry.delta < 0)` → `<= 0` / `true`: the guard `balance >= -delta`
  //   always holds for a delta ≥ 0 (balances never go below zero), so adding it changes nothing.
  // - loyalty/idempotency.ts:134 `{ kind: "taken" }` → `{}`, :138 `{ kind: "done", response }` → `{}`
  //   and :142 `if (outcome.kind === "done")` → `if (false)`: an outcome that is neither "done" nor
  //   "second" falls through to waitForStoredResponse. For "taken" that is the code's own path; for
  //   "done" the request stored its status and body in the transaction that just committed, so the
  //   read finds them at once and answers the same status and bytes (one read more, no pause).
  // - loyalty/redeem.ts:82 `if (!spent.posted) throw …` → `if (false)`: postEntry posts nothing only
  //   when (store, customer, "redemption", reference) exists, and the reference is a fresh 96-bit
  //   random id; were it ever taken, the next INSERT of loyalty_redemptions with that same id (its
  //   primary key) would fail the transaction just as the throw does.
  // - http/admin-auth.ts:33 `!holder || !store` → `!holder && !store`: admin_keys.store_id references
  //   stores.id (migration 0010, foreign keys on in SQLite too), so a key whose store is gone cannot
  //   exist; without a key both sides are true alike.
  // - media/receive-upload.ts (b9; lines as of its run):
  //   - :60 `tempFiles = []` and :148 `parts = []` → `["Stryker was here"]`: cleanup's
  //     rm(…, { force: true }) of a relative path that does not exist is a no-op, and Promise.all()
  //     of a string resolves at once.
  //   - :85 `headBytes < SNIFF_BYTES` → `<=`: at exactly 4100 bytes one more chunk joins the head
  //     before sniffing; the head's chunks are counted and kept exactly as later ones, and the
  //     type is decided by the first bytes, so nothing changes.
  //   - :163–164 the `stopped` promise (executor or listener → `() => undefined`, `{ once: true }` →
  //     `{}`/`false`) and :178 `{ once: true }` → `{}`/`false`: abort fires once, and the listener
  //     also removes itself; the `stopped` race only matters if the parser never closes after a
  //     part failed once the whole body was read, which busboy did not do in any arrangement tried
  //     (a refused part of 30 bytes, and of 10 KB, more than the sniffed bytes, in one piece).
  //   - :169 drainedOrStopped → `() => undefined` and :171 `if (stop.signal.aborted)` → `true`:
  //     writing on without waiting for the parser's drain gives the same answers; the wait is
  //     backpressure (memory), which no answer shows. :171 → `false` (wait for a drain when the
  //     upload already failed) could only hang if a limit tripped inside the very write that filled
  //     the parser; not reproduced (a 1 MB refused part and five fields in one write: 422 either way).
  //   - :187 `if (failure) break` → `if (false)`: hands one more already-read chunk to a parser
  //     whose failure is already decided (fail() keeps the first failure), then the loop ends.
  //   - :199 `if (!failure) await Promise.race(…)` → `true`: after a failure `stopped` has resolved
  //     already, so the race returns at once.
  //   - :202 `if (failure) destroy the part streams` → `true`: after a success the parser has closed
  //     and every part stream has ended; destroying ended streams does nothing.
  //   - :206 `finally { reader.releaseLock() }` → `{}`: nothing reads the request body afterwards.
  // The vote route's filters (review-votes.ts `store_id` and `status = 'published'`) are `.where()`
  // calls Stryker has no mutator for; removing each by hand fails review-votes.test.ts on both
  // databases (bench/RESULTS.md, "Mutation testing").
  // Logging and message text are not guards: mutating them only adds noise.
  ignoreStatic: true,
  mutator: { excludedMutations: ["StringLiteral"] },
  thresholds: { high: 90, low: 85, break: 85 },
  concurrency: 2,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "bench/.out/mutation.json" },
  tempDirName: ".stryker-tmp",
  // Stryker rewrites the tsconfig through TypeScript's JS API, which TypeScript 7 (native) does not
  // have; the sandbox needs no rewrite (tests run from source through Vite), so point it nowhere.
  tsconfigFile: "no-tsconfig-rewrite.json",
  cleanTempDir: "always",
};
