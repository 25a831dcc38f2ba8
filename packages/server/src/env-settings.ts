// Every PLAUDIT_* environment variable something in Plaudit reads, so that one nothing reads — a
// typo such as PLAUDIT_TRUST_PROXIES — is named at start instead of silently leaving the setting
// meant at its default (rate limits per proxy address, say). env-settings.test.ts keeps the list
// true: each PLAUDIT_* the repository's code reads from an environment is in it.
import { distance } from "fastest-levenshtein";

/** The server's settings (docs/server.md, docs/media.md), the demo's, and the tooling's. */
export const PLAUDIT_VARIABLES: ReadonlySet<string> = new Set([
  // server (docs/server.md, Environment)
  "PLAUDIT_SECRETS_KEY",
  "PLAUDIT_RATE_LIMITS",
  "PLAUDIT_READ_CACHE_MS",
  "PLAUDIT_TRUST_PROXY",
  "PLAUDIT_METRICS_TOKEN",
  "PLAUDIT_METRICS_PORT",
  "PLAUDIT_MAX_CONNECTIONS",
  "PLAUDIT_ALLOW_PRIVATE_WEBHOOKS",
  "PLAUDIT_PUBLIC_URL",
  "PLAUDIT_SMTP_URL",
  "PLAUDIT_EMBED_DIR",
  "PLAUDIT_ADMIN_DIR",
  // media (docs/media.md)
  "PLAUDIT_MEDIA_BASE_URL",
  "PLAUDIT_MEDIA_DIR",
  "PLAUDIT_S3_BUCKET",
  "PLAUDIT_S3_ACCESS_KEY_ID",
  "PLAUDIT_S3_SECRET_ACCESS_KEY",
  "PLAUDIT_S3_SESSION_TOKEN",
  "PLAUDIT_S3_REGION",
  "PLAUDIT_S3_ENDPOINT",
  "PLAUDIT_S3_PREFIX",
  // the demo (start --demo)
  "PLAUDIT_DEMO_SECRET",
  "PLAUDIT_DEMO_ADMIN_PASSWORD",
  "PLAUDIT_DEMO_DIR",
  "PLAUDIT_LOYALTY_SEED",
  // tests, benchmarks and examples a developer's shell may hold
  "PLAUDIT_TEST_PG",
  "PLAUDIT_TEST_PG_URL",
  "PLAUDIT_TEST_HALT_AT",
  "PLAUDIT_FUZZ_RUNS",
  "PLAUDIT_MUTATION_TESTS",
  "PLAUDIT_CHROMIUM",
  "PLAUDIT_E2E_DATABASE",
  "PLAUDIT_ADMIN_SCREENSHOTS",
  "PLAUDIT_API",
  "PLAUDIT_API_MD",
  "PLAUDIT_STORE",
]);

/** One warning per PLAUDIT_* variable of `env` nothing reads, with the setting it may have meant. */
export function unknownSettingWarnings(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((name) => name.startsWith("PLAUDIT_") && !PLAUDIT_VARIABLES.has(name))
    .sort()
    .map((name) => {
      const [closest] = [...PLAUDIT_VARIABLES]
        .map((known) => ({ known, by: distance(name, known) }))
        .sort((x, y) => x.by - y.by);
      // Close enough to be a slip (a letter or three of a long name), not any name at all.
      const meant =
        closest && closest.by <= Math.floor(closest.known.length / 5)
          ? ` (did you mean ${closest.known}?)`
          : "";
      return `${name} is not a Plaudit setting and is ignored${meant}`;
    });
}
