#!/usr/bin/env node
// Builds what the server hands to shoppers' browsers, into packages/embed/dist/browser (shipped in
// @plaudit/embed's tarball; the server serves it from there):
//   chunks/[name]-[hash].js  the widget entry modules as ES modules, with shared runtime chunks
//                            (preact, core, ui…) split so each file stays small and cacheable
//   plaudit.js               the script-tag loader, a classic IIFE that knows the entry URLs
//   manifest.json            loader + entry chunks + every file's size, for scripts/size-budget.mjs
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, defaultClientConditions } from "vite";
import { measure } from "./size-budget.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages/embed/dist/browser");
const { version } = JSON.parse(readFileSync(join(root, "packages/embed/package.json"), "utf8"));

// Widget kind (`data-plaudit="…"`) → entry module (docs/widget-contract.md). Kinds whose module
// does not exist yet are left out, so the loader reports them as unknown.
const ENTRY_MODULES = {
  stars: "packages/reviews/src/entries/stars.ts",
  reviews: "packages/reviews/src/entries/reviews.ts",
  gallery: "packages/reviews/src/entries/gallery.ts",
  loyalty: "packages/loyalty/src/entries/loyalty.ts",
  points: "packages/loyalty/src/entries/points.ts",
  "points-for": "packages/loyalty/src/entries/points-for.ts",
};

// The paint chunk (docs/widget-contract.md, "Painted first") and the kinds it paints: their
// server-rendered markup shows before their own chunk loads, which waits for the shopper to reach
// for a widget. Not a kind of its own: `data-plaudit="paint"` stays unknown.
const PAINT_MODULE = "packages/reviews/src/entries/paint.ts";
const PAINTED_KINDS = ["reviews", "stars"];

// Shared code gets its own chunks so no file passes 10 KB gzipped and a page pays for the
// runtime once, whichever widgets it shows. Higher priority wins when a module matches twice.
// Only modules a page needs before any click ($initial) are grouped, and a group splits by the
// set of entries using each module (entriesAware): what only the write-review dialog needs
// (Dialog, focus trap, rating input) stays out of the chunks a collection page loads. Slivers
// under ~2 KB join their nearest neighbour rather than cost a request of their own.
const SHARED_CHUNKS = [
  { name: "preact", test: /node_modules[\\/]preact[\\/]/, priority: 40 },
  // What reading a host takes before any widget code (config, language, page size, batching ids,
  // idle, the page's stylesheets, whether this shopper wrote recently, the Trusted Types policy,
  // where the keyboard is in a widget whose host the page swaps),
  // and the reviews' share of it (the server state a host carries, where a badge links, the
  // deferred JSON-LD): the paint chunk's only imports, so a painted page loads nothing else.
  {
    name: "host",
    test: /packages[\\/]core[\\/]src[\\/](config|locale|is-record|idle|id-batcher|trusted-types|to-json|focus-path)\.ts$|packages[\\/]ui[\\/]src[\\/]sheets\.ts$|packages[\\/]contract[\\/]src[\\/]limits\.ts$/,
    priority: 30,
    entriesAware: false,
  },
  {
    name: "hydration",
    test: /packages[\\/]reviews[\\/]src[\\/](hydration[\\/]server-state|stars-badge[\\/]reviews-href|reviews[\\/]cards-to-reach-view|deferred-json-ld)\.ts$/,
    priority: 30,
    entriesAware: false,
  },
  // The earning arithmetic (exact decimals, BigInt): only the loyalty widgets promise points, so
  // a reviews page does not carry it in core.
  {
    name: "earning",
    test: /packages[\\/]contract[\\/]src[\\/]earning\.ts$/,
    priority: 25,
    entriesAware: false,
  },
  {
    name: "core",
    // Not the earning arithmetic (contract's earning.ts): only loyalty's widgets use it, and in
    // core a product page's reviews would load it too.
    test: /packages[\\/](contract[\\/]src[\\/](?!earning\.ts$)|core[\\/])|node_modules[\\/](zustand|valibot)[\\/]/,
    priority: 20,
    // Every page needs nearly all of core (the store, the client): one file, not slivers split
    // by which lazy chunk also uses a module.
    entriesAware: false,
  },
  // ui in two files, not slivers by entry set: what a star badge needs without Preact (markup,
  // stars, theme, adoptStyles), and the Preact components. A product page loads both (2 requests,
  // not 4, and ~0.6 KB less gzip); the collection page only the first.
  {
    name: "ui-dom",
    test: /packages[\\/]ui[\\/]src[\\/](markup|stars-markup|stars-styles|host|theme)\.ts$/,
    priority: 15,
    entriesAware: false,
  },
  { name: "ui", test: /packages[\\/]ui[\\/]/, priority: 10, entriesAware: false },
].map((group) => ({
  tags: ["$initial"],
  entriesAware: true,
  entriesAwareMergeThreshold: 2048,
  ...group,
}));

const shared = {
  configFile: false,
  root,
  logLevel: "warn",
  // Preact's automatic JSX runtime; production builds drop dev-only branches of dependencies.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  // Our packages from their TypeScript source (their package.json's "@plaudit/source" condition),
  // not from dist/: the chunking and tree-shaking rules below name source paths.
  resolve: { conditions: ["@plaudit/source", ...defaultClientConditions] },
};

// Each kind's chunk is its entry module plus core's readConfig, so plaudit.js can read a host's
// config with the copy of the validation the widget brings anyway (see EntryChunk).
// Library mode resolves entries as paths, so the virtual ids look like files under dist's parent.
const ENTRY_PREFIX = join(root, "packages/embed/virtual-entry-chunk/");
const readConfigModule = join(root, "packages/core/src/config.ts");
function entryChunks(input) {
  return {
    name: "plaudit-entry-chunks",
    resolveId(id) {
      return id.startsWith(ENTRY_PREFIX) ? id : undefined;
    },
    load(id) {
      if (!id.startsWith(ENTRY_PREFIX)) return undefined;
      const file = join(root, input[id.slice(ENTRY_PREFIX.length, -".js".length)]);
      return `export * from ${JSON.stringify(file)};\nexport { readConfig } from ${JSON.stringify(readConfigModule)};\n`;
    },
  };
}

async function buildEntries() {
  const input = Object.fromEntries(
    Object.entries({ ...ENTRY_MODULES, paint: PAINT_MODULE }).filter(([, file]) =>
      existsSync(join(root, file)),
    ),
  );
  if (!Object.keys(input).length) return {};
  const result = await build({
    ...shared,
    plugins: [entryChunks(input)],
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: "es2022",
      minify: true,
      copyPublicDir: false,
      // Library mode: chunks import each other by relative URL, with no preload helper (~1.3 KB).
      lib: {
        entry: Object.fromEntries(Object.keys(input).map((kind) => [kind, `${ENTRY_PREFIX}${kind}.js`])),
        formats: ["es"],
      },
      rolldownOptions: {
        // Entries keep their exports: the loader calls `mount` on them.
        preserveEntrySignatures: "exports-only",
        // Our packages run nothing at import time, so modules a page does not use are dropped
        // even when a barrel (`@plaudit/ui`'s index) re-exports them.
        treeshake: {
          moduleSideEffects: (id) => !/packages[\\/](core|ui|reviews|loyalty)[\\/]src[\\/]/.test(id),
        },
        output: {
          format: "es",
          // Library mode leaves ES output unminified (for app bundlers); these go to browsers.
          minify: true,
          // Browsers read no /* @__PURE__ */ annotations: shipped, they cost ~3 bytes gzipped each.
          comments: { legal: true, annotation: false, jsdoc: false },
          entryFileNames: "chunks/[name]-[hash].js",
          chunkFileNames: "chunks/[name]-[hash].js",
          codeSplitting: { groups: SHARED_CHUNKS },
        },
      },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const entries = {};
  for (const chunk of outputs) {
    if (chunk.type === "chunk" && chunk.isEntry) entries[chunk.name] = chunk.fileName;
  }
  const { paint, ...kinds } = entries;
  const paints = paint
    ? Object.fromEntries(PAINTED_KINDS.filter((kind) => kinds[kind]).map((kind) => [kind, paint]))
    : {};
  return { entries: kinds, paints };
}

async function buildLoader({ entries, paints }) {
  await build({
    ...shared,
    define: {
      ...shared.define,
      // Paths relative to plaudit.js: the loader resolves them against its own URL.
      __PLAUDIT_CHUNKS__: JSON.stringify(entries),
      __PLAUDIT_PAINTS__: JSON.stringify(paints),
      __PLAUDIT_VERSION__: JSON.stringify(version),
    },
    build: {
      outDir: dist,
      emptyOutDir: false,
      target: "es2022",
      minify: true,
      copyPublicDir: false,
      rolldownOptions: {
        input: join(root, "packages/embed/src/loader.ts"),
        output: { format: "iife", entryFileNames: "plaudit.js", codeSplitting: false },
      },
    },
  });
}

/** The merchant admin app (packages/admin): static files the server serves at /admin/. */
async function buildAdmin() {
  await build({ configFile: join(root, "packages/admin/vite.config.ts"), logLevel: "warn" });
}

const started = performance.now();
rmSync(dist, { recursive: true, force: true });
await buildAdmin();
const { entries, paints } = await buildEntries();
await buildLoader({ entries, paints });

// V8's explicit compile hint (Chrome 136+; other engines read a comment): compile every function
// of the file eagerly, on a background thread while it streams in, instead of each on the main
// thread at its first call. Every file here is loaded only when its code is about to run (the
// loader at once, a chunk when its widget paints, mounts or opens), so nearly all of a file's
// functions run right after it loads. Main-thread script CPU (npm run bench:cpu, bench/RESULTS.md
// 17:55): product page 15.1 → 11.4 ms, collection page 7.9 → 5.8 ms; ~21 bytes gzipped a file.
const COMPILE_HINT = "//# allFunctionsCalledOnLoad\n";
const chunkFiles = existsSync(join(dist, "chunks")) ? readdirSync(join(dist, "chunks")).sort() : [];
const files = {};
for (const file of ["plaudit.js", ...chunkFiles.map((name) => `chunks/${name}`)]) {
  // Only at the very top of a file does V8 read the hint.
  const text = COMPILE_HINT + readFileSync(join(dist, file), "utf8");
  writeFileSync(join(dist, file), text);
  files[file] = measure(text);
  // Served as is by the Plaudit server to browsers that accept them (routes/static-assets.ts):
  // compressed once here at the highest levels, not per request.
  writeFileSync(
    join(dist, `${file}.br`),
    brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(join(dist, `${file}.gz`), gzipSync(text, { level: 9 }));
}
writeFileSync(
  join(dist, "manifest.json"),
  `${JSON.stringify({ version, loader: "plaudit.js", entries, paints, files }, null, 2)}\n`,
);
console.log(
  `built ${relative(root, dist)}: plaudit.js + ${Object.keys(files).length - 1} chunks (${Object.keys(entries).join(", ") || "no widget entries yet"}) in ${Math.round(performance.now() - started)} ms`,
);
