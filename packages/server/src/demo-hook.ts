import type { RouteModule } from "./context.ts";
import type { Database } from "./db/database.ts";
import type { SecretBox } from "./keys/secret-box.ts";
import type { MediaStorage } from "./media/media-storage.ts";

// The demo hook: how `plaudit-server start --demo` and `seed` reach the demo store, which lives in
// the private workspace package @plaudit/demo (packages/demo), never in the server's runtime.
// The arrow runs one way — the demo depends on the server (`@plaudit/server/internals`) and
// exports a `DemoHook` named `demo`; the server only knows this interface and loads the package
// by a dynamic import() on the `--demo`/`seed` path. A production install (the published server
// alone) has no demo: asking for it is one clear line, not a stack trace. docs/server.md.

export interface DemoSeedArgs {
  db: Database;
  secrets: SecretBox;
  /** Where seeded photos go (the storage the app serves from); without it no photos are made. */
  mediaStorage?: MediaStorage;
  /** PLAUDIT_DEMO_SECRET, PLAUDIT_DEMO_ADMIN_PASSWORD, PLAUDIT_DEMO_DIR are read from here. */
  env: Record<string, string | undefined>;
}

export interface DemoSeedResult {
  /** False when the demo store already existed (its data is kept). */
  created: boolean;
  reviews: number;
  photos: number;
  /** What to tell now (the demo secret, when it was just generated): log lines' fields. */
  notices: DemoNotice[];
  /**
   * The demo store's owner for the admin app at `adminUrl` (its password, when it was just
   * generated): told once the server listens and knows its port.
   */
  adminSignIn(adminUrl: string): DemoNotice;
}

/**
 * One thing the demo tells the developer: `start --demo` writes it as a JSON log line like every
 * other line of the server's log; `seed` prints it as text.
 */
export interface DemoNotice {
  msg: string;
  [field: string]: string | number | boolean;
}

export interface DemoHook {
  /**
   * Makes the demo store, its data and its admin owner if missing (idempotent; an existing store
   * keeps its data). Throws CliError for bad settings (a weak PLAUDIT_DEMO_SECRET).
   */
  seed(args: DemoSeedArgs): Promise<DemoSeedResult>;
  /** `seed --reviews N`: N published reviews on one product of the demo store (benchmarks). */
  seedBenchmarkReviews(db: Database, options: { count: number; productId?: string }): Promise<void>;
  /**
   * The demo's routes, mounted by createApp (`AppDeps.routes`) after the API: the demo shop's
   * pages under /demo/, `/` → `/demo/`, and the demo sign-in.
   */
  routes(env: Record<string, string | undefined>): RouteModule[];
}

/** The private package that holds the demo; a variable, so nothing resolves it before `--demo`. */
export const DEMO_PACKAGE = "@plaudit/demo";

export class DemoMissingError extends Error {}

/**
 * Loads the demo; DemoMissingError (one line, naming what asked for it: `start --demo` or `seed`)
 * when the package is not installed here.
 */
export async function loadDemo(
  specifier: string = DEMO_PACKAGE,
  asked: "--demo" | "seed" = "--demo",
): Promise<DemoHook> {
  let loaded: { demo?: DemoHook };
  try {
    loaded = (await import(specifier)) as { demo?: DemoHook };
  } catch (error) {
    if (isMissing(error, specifier))
      throw new DemoMissingError(
        `${asked} needs the demo package ${specifier}, which is not installed: the demo runs from a checkout of the Plaudit repository (npm start there); a production install has no demo`,
      );
    throw error;
  }
  if (!loaded.demo) throw new Error(`${specifier} does not export the demo hook (\`demo\`)`);
  return loaded.demo;
}

/** Node's (and tsx's) "cannot find package" for the specifier itself, not for one it imports. */
function isMissing(error: unknown, specifier: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") &&
    typeof message === "string" &&
    (message.includes(`'${specifier}'`) || message.includes(`"${specifier}"`))
  );
}
