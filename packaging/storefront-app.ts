// The packaging test's storefront: every public package packed by `npm pack` and installed from
// its tarball, with preact and what a storefront developer would add (React, Vite, TypeScript —
// ours and the oldest we support —, Node's types), into a fresh app outside the repository.
// Versions come from the repository's own manifests (and OLDEST_TYPESCRIPT). Also the helpers to
// run what was installed there: processes, a static file host.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const repoRoot = resolve(fileURLToPath(new URL("..", import.meta.url)));

export interface PublicPackage {
  name: string;
  dir: string;
  manifest: {
    exports: Record<string, unknown>;
    bin?: Record<string, string>;
    [field: string]: unknown;
  };
}

export interface PackedFile {
  path: string;
}

export interface Packed {
  name: string;
  filename: string;
  files: PackedFile[];
}

const readJson = (file: string) => JSON.parse(readFileSync(file, "utf8"));

/**
 * The oldest TypeScript a storefront may check our .d.ts with (docs/packages.md), installed beside
 * the repository's own as `typescript-oldest`: the last line to read `moduleResolution: "node"`
 * (node10), which TypeScript 7 no longer has and many older projects still use.
 */
export const OLDEST_TYPESCRIPT = "5.4.5";

/**
 * The newest Preact 10 on npm: a storefront on Preact 10 installs the widget packages too (their
 * peer range is `^10.28.0 || ^11.2.0`, docs/packages.md), which the packaging test proves in an
 * app of its own (`installApp(…, PREACT_10)`).
 */
export const PREACT_10 = "10.29.8";

/** Every package under packages/ that is not `"private": true`: what goes to npm. */
export function publicPackages(): PublicPackage[] {
  return workspacePackages().filter((p) => p.manifest.private !== true);
}

/** The names of the packages under packages/ that never go to npm (`"private": true`). */
export function repoOnlyPackageNames(): Set<string> {
  return new Set(
    workspacePackages()
      .filter((p) => p.manifest.private === true)
      .map((p) => p.name),
  );
}

function workspacePackages(): PublicPackage[] {
  return readdirSync(join(repoRoot, "packages"), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(repoRoot, "packages", entry.name, "package.json")),
    )
    .map((entry) => {
      const dir = join(repoRoot, "packages", entry.name);
      const manifest = readJson(join(dir, "package.json"));
      return { name: manifest.name as string, dir, manifest };
    });
}

// A child sees none of the test runner's environment (NODE_ENV=test would give Vite a dev build;
// npm_config_* from `npm test` would steer the nested npm): a shell's basics only.
export const cleanEnv = {
  // Without the repository's node_modules/.bin that `npm test` puts first.
  PATH: (process.env.PATH ?? "/usr/bin:/bin")
    .split(":")
    .filter((dir) => !dir.startsWith(repoRoot))
    .join(":"),
  HOME: process.env.HOME ?? "/root",
  ...(process.env.LANG ? { LANG: process.env.LANG } : {}),
};

/** Runs a command to completion; its output, or an error carrying its output. */
export async function run(
  command: string,
  args: string[],
  cwd: string,
  extraEnv: Record<string, string> = {},
) {
  try {
    const { stdout } = await promisify(execFile)(command, args, {
      cwd,
      env: { ...cleanEnv, ...extraEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `${command} ${args.join(" ")} failed in ${cwd}:\n${failed.stdout ?? ""}\n${failed.stderr ?? failed.message}`,
    );
  }
}

/** `npm pack` of every public package into `into`; what each tarball holds. */
export async function packAll(packages: PublicPackage[], into: string): Promise<Packed[]> {
  mkdirSync(into, { recursive: true });
  const workspaces = packages.flatMap((p) => ["-w", p.name]);
  const out = await run("npm", ["pack", "--json", "--pack-destination", into, ...workspaces], repoRoot);
  return JSON.parse(out) as Packed[];
}

/**
 * A storefront app on Preact `preact`: its package.json names each tarball (and `overrides` make
 * the packages' dependencies on each other resolve to the tarballs too), then one plain
 * `npm install` from the local npm cache where it can — which refuses (ERESOLVE) when a package's
 * peer range leaves that Preact out.
 * - On the repository's own Preact (the default): every public package, with React for
 *   examples/react-app, Vite, TypeScript and the oldest TypeScript we support.
 * - On another (PREACT_10): the packages a shop's pages import (`shopPackages()`: the server
 *   brings its own Preact, which would be a second copy), with Vite and TypeScript.
 * Install scripts are skipped: the one that matters, better-sqlite3's native build (~1 min of
 * compiling, or a download from GitHub that cannot happen here), is replaced by the addon this
 * machine already built for the repository — same version, same Node.
 */
export async function installApp(
  app: string,
  packed: Packed[],
  tarballs: string,
  preactVersion?: string,
): Promise<void> {
  const rootManifest = readJson(join(repoRoot, "package.json"));
  const preact: string = preactVersion ?? rootManifest.overrides.preact;
  const full = preact === rootManifest.overrides.preact;
  const names = new Set((full ? publicPackages() : shopPackages()).map((p) => p.name));
  const own = Object.fromEntries(
    packed.filter((p) => names.has(p.name)).map((p) => [p.name, `file:${join(tarballs, p.filename)}`]),
  );
  const pick = (from: Record<string, string>, picked: string[]) =>
    Object.fromEntries(picked.map((name) => [name, from[name] as string]));
  const reactApp = readJson(join(repoRoot, "examples/react-app/package.json"));
  const manifest = {
    name: "storefront",
    private: true,
    type: "module",
    dependencies: {
      ...own,
      preact,
      ...pick(rootManifest.devDependencies, ["vite", "typescript"]),
      ...(full && {
        ...pick(reactApp.dependencies, ["react", "react-dom"]),
        ...pick(reactApp.devDependencies, ["@types/react", "@types/react-dom"]),
        ...pick(rootManifest.devDependencies, ["@types/node"]),
        "typescript-oldest": `npm:typescript@${OLDEST_TYPESCRIPT}`,
      }),
    },
    overrides: own,
  };
  mkdirSync(app, { recursive: true });
  writeFileSync(join(app, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  await run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"], app);
  const addon = "node_modules/better-sqlite3/build/Release/better_sqlite3.node";
  if (existsSync(join(app, "node_modules/better-sqlite3"))) {
    mkdirSync(join(app, "node_modules/better-sqlite3/build/Release"), { recursive: true });
    copyFileSync(join(repoRoot, addon), join(app, addon));
  }
}

/**
 * The public packages a shop's pages import, which take the shop's Preact: every one but those
 * that bring their own (the server depends on it; the admin app it serves has it built in).
 */
export function shopPackages(): PublicPackage[] {
  const own = (field: unknown) => (field as Record<string, string> | undefined)?.preact !== undefined;
  return publicPackages().filter((p) => !own(p.manifest.dependencies) && !own(p.manifest.devDependencies));
}

/** Copies an example's sources (not its package.json: the app's dependencies stand in). */
export function copyExample(name: string, app: string): string {
  const from = join(repoRoot, "examples", name);
  const to = join(app, name);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    if (["node_modules", "dist", "package.json"].includes(entry.name)) continue;
    copyTree(join(from, entry.name), join(to, entry.name), entry.isDirectory());
  }
  return to;
}

function copyTree(from: string, to: string, isDir: boolean): void {
  if (!isDir) {
    mkdirSync(resolve(to, ".."), { recursive: true });
    copyFileSync(from, to);
    return;
  }
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    copyTree(join(from, entry.name), join(to, entry.name), entry.isDirectory());
  }
}

/** A child process that prints the address it listens on; stopped with SIGTERM. */
export interface Listening {
  url: string;
  /** Everything it printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts `command` (with the clean environment plus `env`) and waits — with no deadline of its
 * own: the test's timeout is the limit — for a line matching `listening` (its group 1 is the
 * port). Rejects if the process exits first.
 */
export async function startListening(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; listening: RegExp },
): Promise<Listening> {
  const child: ChildProcess = spawn(command, args, {
    cwd: options.cwd,
    env: { ...cleanEnv, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const url = await new Promise<string>((resolveUrl, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = options.listening.exec(output);
      if (match) resolveUrl(`http://127.0.0.1:${match[1]}`);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`)),
    );
  });
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/** A built app's folder over HTTP on 127.0.0.1 and a free port, as any static host serves it. */
export async function serveStatic(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://static.local").pathname);
    const file = normalize(join(root, path.endsWith("/") ? `${path}index.html` : path));
    if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, { "content-type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream" });
    res.end(readFileSync(file));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}
