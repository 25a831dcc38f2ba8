// Production needs no dev dependency (issue 13): the repository as `npm run build` leaves it,
// copied outside itself and pruned by `npm prune --omit=dev`, then `plaudit-server start` as an
// operator runs it — production, so no demo: `/plaudit.js` and the admin app served, `/demo/*`
// 404, a store made with the pruned CLI answering its first key. Needs `npm run build` first.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  unlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, repoRoot, run } from "./storefront-app.ts";

const BUILT = [
  "packages/server/dist/cli.js",
  "packages/demo/dist/index.js",
  "packages/embed/dist/browser/plaudit.js",
  "packages/admin/dist/index.html",
];
// Dev dependencies of the root that must be gone after the prune (the server once needed tsx).
const DEV_ONLY = ["tsx", "vitest", "vite", "@biomejs/biome", "playwright-core", "@stryker-mutator/core"];
// Kept by the prune though only the build uses it: valibot names it as an optional peer, so npm
// files it as "devOptional". Taken away by hand below, to show production does not need it either.
const KEPT_BUT_UNUSED = ["typescript", "@typescript"];

const work = mkdtempSync(join(tmpdir(), "plaudit-prune-"));
const copy = join(work, "plaudit");
const bin = join(copy, "packages/server/bin/plaudit-server.mjs");

/** The repository's files (tracked and new, not ignored), its dist/ folders and its node_modules. */
function copyRepository(): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  })
    .toString()
    .split("\0")
    .filter(Boolean);
  for (const file of listed) {
    const from = join(repoRoot, file);
    if (!existsSync(from)) continue; // deleted in the working tree
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(from, join(copy, file));
  }
  const packages = readdirSync(join(repoRoot, "packages"));
  for (const name of packages) {
    const dist = join(repoRoot, "packages", name, "dist");
    if (existsSync(dist)) cpSync(dist, join(copy, "packages", name, "dist"), { recursive: true });
  }
  // node_modules as hard links (`cp -al`: seconds, not 500 MB): the prune only removes entries
  // there. npm's own record of the tree it rewrites, so that one is a real copy.
  const trees = ["node_modules", ...packages.map((name) => `packages/${name}/node_modules`)];
  for (const tree of trees.filter((t) => existsSync(join(repoRoot, t)))) {
    execFileSync("cp", ["-al", join(repoRoot, tree), join(copy, tree)]);
  }
  const record = join(copy, "node_modules/.package-lock.json");
  if (existsSync(record)) {
    unlinkSync(record);
    copyFileSync(join(repoRoot, "node_modules/.package-lock.json"), record);
  }
}

beforeAll(async () => {
  for (const file of BUILT) {
    if (!existsSync(join(repoRoot, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  copyRepository();
  await run("npm", ["prune", "--omit=dev", "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], copy);
  for (const name of KEPT_BUT_UNUSED)
    rmSync(join(copy, "node_modules", name), { recursive: true, force: true });
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the repository after npm run build and npm prune --omit=dev", () => {
  it("has none of the dev dependencies left", () => {
    for (const name of DEV_ONLY) {
      expect(existsSync(join(copy, "node_modules", name)), `${name} was pruned`).toBe(false);
    }
    // What production runs is still there.
    for (const name of [
      "hono",
      "kysely",
      "better-sqlite3",
      "pg",
      "sharp",
      "@plaudit/embed",
      "@plaudit/admin",
    ]) {
      expect(existsSync(join(copy, "node_modules", name)), `${name} is kept`).toBe(true);
    }
  });

  it("makes a store and starts in production with plain Node: widgets served, no demo", async () => {
    const database = join(work, "plaudit.sqlite");
    const created = JSON.parse(
      await run(
        process.execPath,
        [
          bin,
          "stores",
          "create",
          "pruned-shop",
          "--name",
          "Pruned",
          "--origin",
          "https://p.example",
          "--json",
        ],
        copy,
        { DATABASE_URL: database },
      ),
    );
    expect(created.adminKey).toMatch(/^sk_/);
    const server = await startServer(["start", "--port", "0", "--database-url", database]);
    try {
      expect(server.output()).toContain("production: no demo");
      const loader = await fetch(`${server.url}/plaudit.js`);
      expect(loader.status).toBe(200);
      expect(await loader.text()).toContain("chunks/");
      expect((await fetch(`${server.url}/admin/`)).status).toBe(200);
      for (const path of ["/demo/", "/demo/index.html", "/demo/product.html"]) {
        expect((await fetch(`${server.url}${path}`)).status, path).toBe(404);
      }
      expect((await fetch(`${server.url}/`, { redirect: "manual" })).status).toBe(404);
      const signIn = await fetch(`${server.url}/demo/sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customer: "demo-shopper" }),
      });
      expect(signIn.status).toBe(404);
      const demoStore = await fetch(`${server.url}/v1/stores/demo/products/tee-classic/summary`);
      expect(demoStore.status).toBe(404);
      const admin = await fetch(`${server.url}/v1/admin/reviews?status=pending`, {
        headers: { authorization: `Bearer ${created.adminKey}` },
      });
      expect(admin.status).toBe(200);
    } finally {
      expect(await server.stop()).toBe(0);
    }
  });

  it("says in one line that --demo needs the demo package, where it is not installed", async () => {
    // A production install has no @plaudit/demo (it is private): take the workspace link away.
    rmSync(join(copy, "node_modules/@plaudit/demo"), { force: true });
    const failed = await run(process.execPath, [bin, "start", "--demo", "--port", "0"], copy, {
      DATABASE_URL: join(work, "demo.sqlite"),
    }).catch((error: Error) => error);
    expect(failed).toBeInstanceOf(Error);
    // start's refusal is one JSON log line, as everything start writes.
    const stderr = (failed as Error).message.split("\n").filter((line) => line.startsWith("{"));
    expect(stderr.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({
        level: "error",
        msg: expect.stringMatching(/^--demo needs the demo package @plaudit\/demo/),
      }),
    ]);
    expect((failed as Error).message).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(work, "demo.sqlite"))).toBe(false); // stopped before touching a database
  });
});

/** The pruned copy's `plaudit-server` in a child process; resolves once it prints its URL. */
async function startServer(
  args: string[],
): Promise<{ url: string; output(): string; stop(): Promise<number | null> }> {
  const child: ChildProcess = spawn(process.execPath, [bin, ...args], {
    cwd: copy,
    env: { ...cleanEnv, HOST: "127.0.0.1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolveUrl(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`plaudit-server exited with ${code}:\n${output}`)));
  });
  return {
    url,
    output: () => output,
    stop: () =>
      new Promise((done) => {
        if (child.exitCode !== null) return done(child.exitCode);
        child.once("exit", (code) => done(code));
        child.kill("SIGTERM");
      }),
  };
}
