import { readFile, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import type { Context } from "hono";
import type { RouteModule } from "../context.ts";
import { errorBody } from "../errors.ts";

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".html": "text/html; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".woff2": "font/woff2",
};

const notFound = (c: Context) =>
  c.json(errorBody("not_found", "no such file"), 404, {
    "X-Content-Type-Options": "nosniff",
  });

/**
 * A file under `root` named by a request path, or undefined: decoded once, no NUL, no dot
 * segments, and the resolved path must stay inside root (no traversal, even via %2e%2e).
 */
async function fileUnder(root: string, relative: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relative);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0") || decoded.split(/[/\\]/).some((part) => part === ".." || part === "."))
    return undefined;
  const base = resolve(root);
  const full = resolve(base, `.${sep}${decoded}`);
  if (full !== base && !full.startsWith(base + sep)) return undefined;
  try {
    const info = await stat(full);
    if (info.isDirectory()) {
      const index = resolve(full, "index.html");
      return (await stat(index)).isFile() ? index : undefined;
    }
    return info.isFile() ? full : undefined;
  } catch {
    return undefined;
  }
}

// The loader runs on shops' own domains and imports its chunks from here as ES modules, which
// browsers fetch in CORS mode: without these headers no widget loads on any other origin.
// CORP lets shops that isolate themselves (COEP) still load them.
const CROSS_ORIGIN = {
  "Access-Control-Allow-Origin": "*",
  "Cross-Origin-Resource-Policy": "cross-origin",
};

const ADMIN_PAGE_HEADERS = {
  "Content-Security-Policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https: http:; media-src 'self' https: http:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

/** Encodings the build wrote beside each widget file (scripts/build.mjs), best first. */
const PRECOMPRESSED = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
];

const accepts = (c: Context, encoding: string) =>
  (c.req.header("accept-encoding") ?? "").split(",").some((part) => {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    return name === encoding && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });

export async function sendFile(
  c: Context,
  root: string,
  relative: string,
  cacheControl: string,
  extra: Record<string, string> = {},
  precompressed = false,
): Promise<Response> {
  const file = await fileUnder(root, relative);
  if (!file) return notFound(c);
  const headers: Record<string, string> = {
    "Content-Type": CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
    "Cache-Control": cacheControl,
    "X-Content-Type-Options": "nosniff",
    ...extra,
  };
  if (precompressed) {
    headers.Vary = "Accept-Encoding";
    for (const { encoding, suffix } of PRECOMPRESSED) {
      if (!accepts(c, encoding)) continue;
      const bytes = await readFile(file + suffix).catch(() => undefined);
      if (bytes) return c.body(bytes, 200, { ...headers, "Content-Encoding": encoding });
    }
  }
  return c.body(await readFile(file), 200, headers);
}

/**
 * The embed script and its chunks, and the admin app. (The demo shop's pages are the demo
 * package's own routes, mounted only by `start --demo`: demo-hook.ts.)
 */
export const staticAssetRoutes: RouteModule = {
  name: "static-assets",
  register(app, ctx) {
    const assets = ctx.assets;
    if (!assets) return;
    app.get("/plaudit.js", (c) =>
      sendFile(c, assets.embedDir, "plaudit.js", "public, max-age=300", CROSS_ORIGIN, true),
    );
    app.get("/chunks/*", (c) =>
      sendFile(
        c,
        `${assets.embedDir}/chunks`,
        c.req.path.slice("/chunks/".length),
        "public, max-age=31536000, immutable",
        CROSS_ORIGIN,
        true,
      ),
    );
    const adminDir = assets.adminDir;
    if (adminDir) {
      // The admin app: its page may run only its own files and talk only to this server, and no
      // other site may frame it. Hashed assets are immutable; the page itself is always fresh.
      app.get("/admin", (c) => c.redirect("/admin/", 301));
      app.get("/admin/", (c) => sendFile(c, adminDir, "index.html", "no-cache", ADMIN_PAGE_HEADERS));
      app.get("/admin/assets/*", (c) =>
        sendFile(
          c,
          `${adminDir}/assets`,
          c.req.path.slice("/admin/assets/".length),
          "public, max-age=31536000, immutable",
        ),
      );
    }
  },
};
