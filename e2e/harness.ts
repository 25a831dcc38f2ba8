// The browser-test harness: the real server (the CLI `npm start` runs, bundled from source once per
// run: e2e/built-server.ts) on a free port with
// a fresh seeded database — SQLite, or a PostgreSQL database of its own when
// PLAUDIT_E2E_DATABASE=postgres (the e2e-postgres project runs the product page, write-review,
// loyalty and admin flows that way) — and
// Debian's Chromium driven by playwright-core. It builds
// nothing: `npm test` builds packages/embed/dist/browser first (run `npm run build` before a lone e2e run).
//
//   const plaudit = harnessOfFile();                 // at the top: started before the file's tests
//   const shop = await plaudit.open("/demo/tee-classic.html");   // in a test
//   await expect(shop.page.locator("[data-plaudit=reviews]")).…;
//   expect(shop.problems()).toEqual([]);              // page errors, console errors, CSP reports
// (or `await startHarness()` in a beforeAll of your own, and `await plaudit.close()` after)
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, watch } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page, type Request } from "playwright-core";
import { afterAll, beforeAll, inject } from "vitest";
import { createTestDatabase, createTestSchema } from "../packages/server/testing/pg-schema.ts";
import { CHROMIUM, CHROMIUM_LAUNCH } from "../scripts/chromium.mjs";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/**
 * The demo shop's pages, said outright: the bundled server (e2e/built-server.ts) does not sit where
 * the demo's own default path is counted from.
 */
export const DEMO_DIR = join(repoRoot, "examples/demo-store");
/** The demo store's full-scope admin key (and signing secret) in browser tests. */
export const DEMO_SECRET = "sk_e2e_secret_0123456789abcdefghijklmn";

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Runs before the page's own scripts (e.g. a queue stub, a listener). */
  initScript?: string;
  /** Requests whose URL contains one of these are answered with a network error. */
  block?: string[];
  /** false opens the page as a crawler without JavaScript sees it (default true). */
  javaScriptEnabled?: boolean;
  /** Default "load"; the harness then also waits for the network to go quiet. */
  waitUntil?: "load" | "domcontentloaded" | "networkidle";
  /** A phone: a touch screen and a mobile viewport (taps send touch events, then the click). */
  touch?: boolean;
}

/**
 * A page in its own fresh browser context (an incognito-like profile of its own: no cookies,
 * storage or cache shared with any other page), with everything that went wrong on it recorded.
 */
export interface ShopPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and unhandled rejections (Playwright's `pageerror`). */
  pageErrors: string[];
  /** `console.error` lines, including Chromium's own (failed loads, CSP refusals). */
  consoleErrors: string[];
  /** `securitypolicyviolation` events the page saw. */
  cspViolations: string[];
  /** Every request the page made, in order. */
  requests: Request[];
  /** Requests whose path starts with `prefix` (e.g. "/v1/stores/demo/summaries"). */
  requestsTo(prefix: string): Request[];
  /** All of pageErrors, consoleErrors and cspViolations: what a healthy page has none of. */
  problems(): string[];
  close(): Promise<void>;
}

export interface Harness {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** The server's database (a SQLite file or a postgres:// URL), for tests that check figures against it. */
  databaseUrl: string;
  open(path: string, options?: OpenOptions): Promise<ShopPage>;
  close(): Promise<void>;
}

// Records CSP violations where the test can read them without adding a page global.
const REPORT_CSP = `addEventListener("securitypolicyviolation", (e) => {
  console.error("[e2e] CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});`;

/**
 * Options of a suite whose tests run side by side (`describe.concurrent(name, SIDE_BY_SIDE, …)`),
 * each on data of its own: most of a browser test's time is spent waiting on Chromium and the
 * server, not on a core. Each test's time limit is twice the project's, as its waits now share the
 * machine with its neighbours' (a limit for a hung test, not a timing assertion).
 */
export const SIDE_BY_SIDE = { timeout: 120_000 } as const;

/** The SQLite file in a data folder (the seeded copy's too: e2e/seeded-demo.ts). */
export const SEEDED_DATABASE_FILE = "plaudit.sqlite";
/** In the folder e2e/seeded-demo.ts provides: the seeded data folder, then one of the two marks. */
export const SEED_FOLDER = "demo";
export const SEEDED = "seeded";
export const SEED_FAILED = "seed-failed";

/** Waits for e2e/seeded-demo.ts's seed to finish (a mark file appears), then copies its data folder. */
async function copySeeded(seeded: string, dataDir: string): Promise<void> {
  await new Promise<void>((done, fail) => {
    const watcher = watch(seeded, () => check());
    function check() {
      if (existsSync(join(seeded, SEED_FAILED))) {
        watcher.close();
        fail(new Error(`seeding the demo failed:\n${readFileSync(join(seeded, SEED_FAILED), "utf8")}`));
      } else if (existsSync(join(seeded, SEEDED))) {
        watcher.close();
        done();
      }
    }
    check();
  });
  cpSync(join(seeded, SEED_FOLDER), dataDir, { recursive: true });
}

/**
 * Where the server keeps its data: a copy of the demo seeded once for the run (e2e/seeded-demo.ts,
 * the projects' globalSetup) when there is one, so the server's `start --demo` finds its store
 * there — a SQLite file in `dataDir`, or a PostgreSQL database made from the seeded one, its media
 * in `dataDir` — else a fresh SQLite file or PostgreSQL schema the server seeds itself.
 */
async function databaseFor(
  dataDir: string,
): Promise<{ url: string; env: Record<string, string>; drop(): Promise<void> }> {
  const seeded = inject("e2eSeededDemo");
  if (process.env.PLAUDIT_E2E_DATABASE !== "postgres") {
    if (seeded) await copySeeded(seeded, dataDir);
    return { url: join(dataDir, SEEDED_DATABASE_FILE), env: {}, drop: async () => {} };
  }
  // PostgreSQL keeps no media beside its data: they go to the file's own folder.
  const env = { PLAUDIT_MEDIA_DIR: join(dataDir, "media") };
  const template = inject("e2eSeededPostgres");
  if (!seeded || !template) return { ...(await createTestSchema("e2e")), env };
  await copySeeded(seeded, dataDir);
  return { ...(await createTestDatabase("e2e", template)), env };
}

/**
 * Waits for a child process to print "listening on http://localhost:PORT" and answers its URL
 * (rejecting with its output when it exits first or takes longer than `timeoutMs`). The output is
 * drained after, so a chatty request log never blocks the child on a full pipe.
 */
export async function listeningUrl(child: ChildProcess, name: string, timeoutMs: number): Promise<string> {
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${name} did not start in ${timeoutMs / 1000} s:\n${output}`)),
      timeoutMs,
    );
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code} before listening:\n${output}`));
    });
  });
  child.stdout?.resume();
  child.stderr?.resume();
  return url;
}

async function startServer(
  databaseUrl: string,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  // The run's bundle (e2e/seeded-demo.ts), else the source through tsx, as `npm start` runs it.
  const cli = inject("e2eServerCli");
  const child = spawn(
    process.execPath,
    [
      ...(cli ? [cli] : ["--import", "tsx", join(repoRoot, "packages/server/src/cli.ts")]),
      "start",
      "--demo",
      "--port",
      "0",
      "--database-url",
      databaseUrl,
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HOST: "127.0.0.1",
        PLAUDIT_RATE_LIMITS: "off",
        PLAUDIT_DEMO_SECRET: DEMO_SECRET,
        PLAUDIT_DEMO_DIR: DEMO_DIR,
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const url = await listeningUrl(child, "server", 120_000);
  return { url, child };
}

/**
 * One harness for the test file: started in a beforeAll, closed in an afterAll. The answer is
 * the harness itself once started; used before (outside a test or hook) it throws.
 */
export function harnessOfFile(): Harness {
  let started: Harness | undefined;
  beforeAll(async () => {
    started = await startHarness();
  });
  afterAll(async () => {
    await started?.close();
  });
  const running = (): Harness => {
    if (!started) throw new Error("the harness starts before the file's tests: use it in a test or hook");
    return started;
  };
  return {
    get baseUrl() {
      return running().baseUrl;
    },
    get databaseUrl() {
      return running().databaseUrl;
    },
    open: (path, options) => running().open(path, options),
    close: () => running().close(),
  };
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(join(repoRoot, "packages/embed/dist/browser/plaudit.js"))) {
    throw new Error("packages/embed/dist/browser/plaudit.js is missing: run `npm run build` first");
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: run \`node scripts/ensure-chromium.mjs\` (npm test does)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), "plaudit-e2e-"));
  // One Chromium per file, started while the server starts: each page still gets a context of its
  // own (isolated like a fresh profile), without paying a browser start per page. A launch that
  // failed is reported by the first open().
  const browser: Promise<Browser> = chromium.launch(CHROMIUM_LAUNCH);
  browser.catch(() => {});
  const closeBrowser = async () => (await browser.catch(() => undefined))?.close();
  let database: Awaited<ReturnType<typeof databaseFor>> | undefined;
  let server: Awaited<ReturnType<typeof startServer>>;
  try {
    database = await databaseFor(dataDir);
    server = await startServer(database.url, database.env);
  } catch (error) {
    await closeBrowser();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const { url, child } = server;
  const openPages = new Set<ShopPage>();

  async function open(path: string, options: OpenOptions = {}): Promise<ShopPage> {
    const context = await (await browser).newContext({
      viewport: options.viewport ?? { width: 1280, height: 720 },
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      ...(options.touch ? { hasTouch: true, isMobile: true } : {}),
    });
    const page = await context.newPage();
    const shop: ShopPage = {
      page,
      context,
      pageErrors: [],
      consoleErrors: [],
      cspViolations: [],
      requests: [],
      requestsTo: (prefix) => shop.requests.filter((r) => new URL(r.url()).pathname.startsWith(prefix)),
      problems: () => [...shop.pageErrors, ...shop.consoleErrors, ...shop.cspViolations],
      async close() {
        openPages.delete(shop);
        await context.close();
      },
    };
    openPages.add(shop);
    page.on("pageerror", (error) => shop.pageErrors.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      if (text.startsWith("[e2e] CSP violation")) shop.cspViolations.push(text);
      else shop.consoleErrors.push(`console.error: ${text}`);
    });
    page.on("request", (request) => shop.requests.push(request));
    for (const pattern of options.block ?? []) {
      await page.route(
        (u) => u.href.includes(pattern),
        (route) => route.abort("connectionrefused"),
      );
    }
    await page.addInitScript(REPORT_CSP);
    if (options.initScript) await page.addInitScript(options.initScript);
    await page.goto(new URL(path, url).href, { waitUntil: options.waitUntil ?? "load" });
    await page.waitForLoadState("networkidle");
    return shop;
  }

  return {
    baseUrl: url,
    databaseUrl: database.url,
    open,
    async close() {
      await Promise.all([...openPages].map((shop) => shop.close()));
      await closeBrowser();
      child.kill("SIGTERM");
      if (child.exitCode === null) await new Promise((done) => child.once("exit", done));
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
