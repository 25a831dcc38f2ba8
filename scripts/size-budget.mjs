#!/usr/bin/env node
// Size budgets for what a shopper downloads (run by `npm test` after the build). Prints gzip and
// brotli sizes of every built file and fails when a budget is passed. What a page loads is the
// static import graph read from the built files themselves, so a new shared chunk is counted
// without anyone updating a list here.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const dist = join(root, "packages/embed/dist/browser");
const KB = 1024;

// Raised in session 9 (collection 8 → 8.3, in use 36 → 36.6, gallery 25 → 25.5 KB): the compile
// hint on every file (scripts/build.mjs, ~21 bytes gzipped each), which cut the main thread's script
// time by a fifth, then the Trusted Types policy and the hidden-empty-host fix (Dawn's div:empty).
// Lowered in session 10 (collection 8.3 → 8.1, in use 36.6 → 36.5 KB) to keep what it saved: the
// limits the widgets read as constants (the host chunk 2.02 → 1.82 KB) and no PURE comments shipped.
// Raised in session 11 (in use 36.5 → 36.6 KB, +0.10 measured): the theme `auto` of the star badge
// and the inline points follows the page's color-scheme (ui's onPageCss), so a light shop in a
// dark-mode browser no longer draws them light grey on white (WCAG 1.4.3; e2e/theme-contrast.test.ts).
// Raised again in session 11 (in use 36.6 → 36.7, gallery 25.5 → 25.6 KB; +0.06 and +0.02 measured):
// the cards shown stay, dimmed, while another sort or filter loads (a skeleton in their place
// moved the page below the widget twice, the second time counted as a layout shift on a slow
// API), and the page's lang is found across the shadow roots a widget's element may sit in.
// Lowered with the catalog split (in use 36.7 → 36.1, gallery 25.6 → 25.3 KB): the German and
// Hebrew words of the reviews, badge, gallery and lightbox are chunks of their own, loaded only on a
// page that speaks them (core's load-catalog.ts; the check for Hebrew letters below): in use 36.62 →
// 35.63, gallery 25.50 → 25.12 measured. Of what that freed, 0.35 KB went to a vote on a review
// removed since the page loaded (it leaves the list, said so, the keyboard kept on the next card)
// and to naming each vote button with its review (in use 35.98, gallery 25.20 measured).
// Raised in the perf session of 2026-12-07 (loader 2.5 → 2.55, collection 8.1 → 8.2, product page
// painted 10 → 10.1, gallery 25.3 → 25.4 KB; +0.09 measured, the product page at 10.04, the gallery
// at 25.31: every page loads the loader): the loader leaves a star badge the server painted alone, so a collection page whose
// server renders its badges (docs/ssr.md) loads plaudit.js and nothing else: 2.5 KB, not 8.2, and
// ~1.5 ms of script CPU instead of ~8 (issue 20's 10 ms target; bench/RESULTS.md).
// Raised by the sections session (loader 2.55 → 2.60, collection 8.2 → 8.31, product page painted
// 10.1 → 10.16, in use 36.1 → 36.22, gallery 25.4 → 25.45 KB; each the fewest hundredths over what
// was measured: +49 bytes in the loader, which every page loads, after 19 found by giving a badge the
// server painted the same path as a painted one, +66 in the paint chunk): a host that a theme's
// section re-render or an SPA's DOM swap puts in place of a painted one is painted before the next
// frame from the markup the old one got (Painted's `again`). It waited a frame for the viewport
// observer, then the round trip: the badge vanished, the reviews fell back to their reserved height
// and a page scrolled to its footer was thrown back to the top (e2e/host-page-life.test.ts, "every frame").
// Raised by the sections2 session (loader 2.60 → 2.69, collection 8.31 → 8.49, product page painted
// 10.16 → 10.34, in use 36.22 → 36.40, gallery 25.45 → 25.53 KB; the fewest hundredths over what was
// measured: +84 bytes in the loader after 8 found in its observer, +100 in the paint chunk's own
// file, one `again` for both painters as check-copies asks): the swaps
// that still flashed now repaint before the next frame — a section re-rendered with a variant's id on
// the hosts (the painter, not the loader, decides whether the markup fits), a host put in a task
// after the old one went (remove, fetch, insert; Vue's v-if; the same element put back: the loader
// holds a removed widget's markup 10 s), and server-rendered hosts whose HTML a page sets with
// innerHTML or DOMParser (the loader attaches the inert declarative shadow root). Each blanked the
// badge for 3–9 frames and dropped the reviews to their reserved height, moving everything below by
// 1564 px on the test page (e2e/section-swaps.test.ts).
// Raised by the isolate session (product page painted 10.34 → 10.99, in use 36.40 → 37.05, gallery
// 25.53 → 25.55 KB; the fewest hundredths over what was measured): the JSON-LD chunk (loaded at
// idle, 1.85 → 2.49 KB) composes the theme's scripts from their own text and watches them, so a
// theme that adds its Product after mount, or replaces or rewrites it on a variant change, no longer
// leaves a second product or loses the rating, and two products' reviews no longer fight over one
// theme node (e2e/json-ld-theme.test.ts); `:host{zoom:1!important}` in every widget's base CSS.
// Raised by the coordinator (product page painted 10.99 → 11.02, in use 37.05 → 37.09 KB): a theme
// that puts its JSON-LD text back whenever we write (its own observer on the script) fought the
// manager's observer for ever inside one task — the shop's page hung (json-ld-manager.test.ts, "keeps
// putting its own text back"); after the third time the script is the theme's. Collection page
// 8.49 → 8.50: no byte of its own changed, but the chunks' content hashes in its import specifiers
// did, and they gzip a few bytes differently — a budget at its exact size fails on any rebuild.
// Raised by the perf3 session (collection 8.50 → 8.61, product page painted 11.02 → 11.13, in use
// 37.09 → 37.20 KB; a hundredth over what was measured, +0.10, all in the paint chunk, which the
// badges share): the painted reviews' first frame holds only the heading and the average, the
// histogram and the toolbar come a frame each after it (cards-later.ts; that frame was the
// widget's longest at 4× CPU throttling, issue 20, bench/RESULTS.md), and what was typed or chosen
// before the code came is read against the markup's own values at hand-over (until-used.ts): the
// toolbar is not there when the paint starts listening.
// Raised again by the sections2 session (collection 8.61 → 8.78, product page painted 11.13 → 11.30,
// in use 37.20 → 37.37 KB; +175 bytes in the paint chunk): a shopper whose keyboard was in a widget
// when the page re-rendered it is put back on the same control of the new one, not at the top of
// the page (WCAG 2.4.3; section-swaps "keeps the keyboard").
// Raised by the perf4 session (in use 37.37 → 37.43, gallery 25.55 → 25.64 KB; a hundredth over
// what was measured, all in the ui chunk): the review cards' icons are one empty span each, drawn
// by the icons' CSS (ui's icons-styles.ts), which now ships in that chunk instead of the SVG
// component; each page of ten cards parses, lays out and paints 60 SVG elements and ~5 KB of
// markup less (issue 20, bench/RESULTS.md). What loads before the shopper reaches for a widget
// (collection, product page painted) did not change.
// Raised by the devwalk session (gallery 25.64 → 25.65 KB; 25.641 measured): the gallery's
// definition names the two attributes <plaudit-gallery> had not observed (`product-url-template`,
// `label`: changing one was ignored; plaudit-elements.test.ts), which the gallery chunk carries.
// Raised by the jsonld session (product page painted 11.30 → 11.99, in use 37.43 → 38.12 KB; a
// hundredth over what was measured, all in the JSON-LD chunk loaded at idle, 2.52 → 3.20 KB): which
// theme node is the page's product is a rule of its own (json-ld-choice.ts) — a "related products"
// section's or a quick-view modal's Product added before or after ours took our rating, or made us
// write a second product beside the theme's —, no node of ours for a product without reviews, a
// microdata item the theme renders again gets the rating again, and the observer no longer runs
// its check on every text change of the page (bench:json-ld, about half the callback's time).
// Raised by the ends session (collection page 8.78 → 8.83, product page painted 11.99 → 12.04, in
// use 38.12 → 38.18, gallery 25.65 → 25.70 KB; a hundredth over what was measured, all in the host
// chunk every page loads; plaudit.js unchanged): the data-* checks became config.ts's checkSettings,
// one check that names a setting as it was given, so the npm mount calls' options are refused
// with the same [plaudit] messages instead of showing "could not be loaded".
// Raised by the swaps2 session (loader 2.69 → 2.72, collection 8.83 → 9.14, product page painted
// 12.04 → 12.35, in use 38.18 → 38.97, gallery 25.70 → 26.76 KB; a hundredth over what was measured
// for the chunk hashes the files name: +40 bytes in the loader (2.711 KB), +0.38 KB in the host
// chunk every painted page loads, +0.5 in core): the gallery, the loyalty launcher and the points
// widgets no longer go blank when a theme re-renders their section — each widget's entry keeps a
// copy of itself as last drawn, which the loader shows in the host put in its place before the
// next frame while the code mounts over it from the store (core's kept-widget.ts; the gallery
// reuses its first page for the 10 s hold: no second read); a live reviews widget is copied as the
// shopper last saw it, not repainted from its first snippet (a vote, a sort, a written review
// stay); and the keyboard goes back to the same control by its path, the second of two identical
// "Helpful" buttons and not the first, or onto the widget when that control is gone, never <body>
// (core's focus-path.ts; e2e/section-swaps-live.test.ts).
// Raised by the perfcss session (collection 9.14 → 9.21, product page painted 12.35 → 12.42, in use
// 38.97 → 39.07, gallery 26.76 → 26.81 KB; a hundredth over what was measured: +50 bytes in the host
// chunk every page loads, +40 in the paint chunk, +40 in ui-dom): the paint adopts the server's CSS
// a sheet per part (theme, base, stars, the kind's), one per text for the page, so the reviews and
// the badge parse their shared 8 KB once, and the widgets' code adopts those very sheets at the
// hand-over instead of parsing its own copy; the root says which sheets its code adopted (ui's
// sheets.ts, CODE_SHEETS), what the hand-over keeps. The 51 fill and 101 bar classes are 21 tens
// and units classes (5.8 KB less CSS to parse in every reviews widget). Freed none: the fold of
// loyalty's wordsIn into core's matchCatalog (+0.01 on gallery and in use) waits.
// Raised by the jsonld2 session (product page painted 12.42 → 12.45, in use 39.07 → 39.10 KB; a
// hundredth over what was measured, 12.439 and 39.083, all in the JSON-LD chunk loaded at idle,
// 3.21 → 3.25 KB): a microdata theme's item is chosen by the JSON-LD rule (json-ld-choice.ts) — a
// related product's or a quick view's item added later took the rating as "the page's only one",
// or made us write a second product beside the theme's (json-ld-manager.test.ts, e2e Magento Luma);
// and names a theme prints HTML-escaped ("Fern &amp; Field Tee &#8211; Blue", WooCommerce and
// PrestaShop) match the product's name, else a same-brand accessory's node left us no choice and a
// second product of ours beside the theme's (e2e PrestaShop). The microdata chunk itself (0.66 →
// 0.79 KB) loads only on a microdata page.
// Raised by the swaps3 session (in use 39.10 → 39.33, gallery 26.81 → 27.05 KB; a hundredth over
// what was measured, +0.22 KB in core's kept-widget.ts that every live widget loads): the copy of a
// live widget is drawn scrolled as the shopper left each of its boxes (a scroll listener per
// widget), and an open modal dialog in it — the loyalty panel — is shown modal again in the new
// host, the keyboard on its control, for the launcher's code to open its own panel over it: the
// panel no longer closes when a theme re-renders the launcher's section.
const BUDGETS = {
  loader: 2.72 * KB,
  file: 10 * KB,
  collectionPage: 9.21 * KB, // loader + the paint chunk (24 badges painted; their code never loads unless used)
  productPage: 12.45 * KB, // loader + paint + JSON-LD at idle: what loads before the shopper reaches for the reviews
  productPageInUse: 39.33 * KB, // the same + the reviews' and stars' code, once the shopper reaches for them (not the write dialog)
  loyaltyLauncherPage: 20 * KB, // loader + loyalty launcher; the panel loads on first open
  galleryPage: 27.05 * KB, // loader + gallery widget (Preact, core); the lightbox loads on the first press
  adminFirstScreen: 100 * KB, // the admin app's sign-in: its entry, what that imports, the sign-in chunk
  adminRoute: 60 * KB, // any admin screen when first opened, beyond what the first screen loaded (uPlot included)
};

const adminDist = join(root, "packages/admin/dist");

/** Files under dist, as posix paths relative to it. */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(js|mjs|css)$/.test(entry.name))
    .map((entry) => relative(dist, join(entry.parentPath, entry.name)).split("\\").join("/"))
    .sort();
}

export function measure(text) {
  return {
    raw: Buffer.byteLength(text),
    gzip: gzipSync(text, { level: 9 }).length,
    brotli: brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** Static imports of a minified ES chunk: `import{a}from"./x.js"`, `import"./x.js"`, `export{a}from"./x.js"`. Dynamic `import("./x.js")` is left out on purpose. */
export function staticImports(code) {
  const found = new Set();
  const pattern = /(?:\bimport|\bexport)\s*(?:[\w*${}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+)["']/g;
  for (const match of code.matchAll(pattern)) found.add(match[1]);
  return [...found];
}

/** The file and everything it statically imports, transitively. */
export function closure(start, readCode) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of staticImports(readCode(file))) visit(posix.join(posix.dirname(file), spec));
  };
  for (const file of start) visit(file);
  return seen;
}

const fmt = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

function main() {
  const manifest = JSON.parse(readFileSync(join(dist, "manifest.json"), "utf8"));
  const files = listFiles(dist);
  const code = new Map(files.map((file) => [file, readFileSync(join(dist, file), "utf8")]));
  const readCode = (file) => {
    const text = code.get(file);
    if (text === undefined) throw new Error(`size-budget: ${file} is imported but was not built`);
    return text;
  };
  const sizes = new Map(files.map((file) => [file, measure(code.get(file))]));
  const failures = [];

  const rows = files.map((file) => {
    const size = sizes.get(file);
    const limit = file === manifest.loader ? BUDGETS.loader : BUDGETS.file;
    if (size.gzip > limit) failures.push(`${file} is ${fmt(size.gzip)} gzipped (budget ${fmt(limit)})`);
    return [file, fmt(size.raw), fmt(size.gzip), fmt(size.brotli), fmt(limit)];
  });

  // Entry chunks live under chunks/; the loader itself is a classic script with no static imports.
  // A painted kind (manifest.paints, docs/widget-contract.md "Painted first") loads its paint chunk
  // first and its own chunk only when the shopper reaches for a widget: `live` counts both.
  const jsonLd = files.find((file) => /^chunks\/json-ld-manager-[^/]+\.js$/.test(file));
  // German and Hebrew words come in chunks of their own, loaded on a page that speaks them (core's
  // load-catalog.ts): Hebrew letters in what a page loads statically mean a catalog came along.
  const HEBREW = /[\u0590-\u05FF]/;
  const pageCost = (name, kinds, limit, { live = false, idle = [] } = {}) => {
    const missing = kinds.filter((kind) => !manifest.entries[kind]);
    if (missing.length) {
      failures.push(`${name}: no entry chunk built for ${missing.join(", ")}`);
      return;
    }
    const starts = kinds.flatMap((kind) => {
      const paint = manifest.paints?.[kind];
      return paint && !live ? [paint] : paint ? [paint, manifest.entries[kind]] : [manifest.entries[kind]];
    });
    const loaded = closure([...starts, ...idle], readCode);
    loaded.add(manifest.loader);
    const total = { raw: 0, gzip: 0, brotli: 0 };
    for (const file of loaded) for (const key of Object.keys(total)) total[key] += sizes.get(file)[key];
    if (total.gzip > limit) failures.push(`${name} loads ${fmt(total.gzip)} gzipped (budget ${fmt(limit)})`);
    const speaking = [...loaded].filter((file) => HEBREW.test(code.get(file)));
    if (speaking.length)
      failures.push(`${name} loads Hebrew words whatever its language: ${speaking.join(", ")}`);
    rows.push([
      `= ${name} (${loaded.size} files)`,
      fmt(total.raw),
      fmt(total.gzip),
      fmt(total.brotli),
      fmt(limit),
    ]);
  };
  rows.push(["", "", "", "", ""]);
  const idle = jsonLd ? [jsonLd] : [];
  pageCost("collection page, 24 stars painted", ["stars"], BUDGETS.collectionPage);
  // Its badges rendered by the shop's server (docs/ssr.md): plaudit.js alone.
  pageCost("collection page, 24 stars server-rendered", [], BUDGETS.loader);
  pageCost("product page, reviews + stars painted", ["reviews", "stars"], BUDGETS.productPage, { idle });
  pageCost("product page, reviews + stars in use", ["reviews", "stars"], BUDGETS.productPageInUse, {
    live: true,
    idle,
  });
  pageCost("page with the loyalty launcher", ["loyalty"], BUDGETS.loyaltyLauncherPage);
  pageCost("gallery page", ["gallery"], BUDGETS.galleryPage);

  // What pressing a review photo adds on a product page (reported, budgeted only as "any file"):
  // the lightbox chunk and whatever it imports that the page has not loaded yet.
  const lightbox = files.find((file) => /^chunks\/lightbox-[^/]+\.js$/.test(file));
  if (lightbox && manifest.entries.reviews) {
    const page = closure([manifest.entries.reviews], readCode);
    const added = [...closure([lightbox], readCode)].filter((file) => !page.has(file));
    const gzip = added.reduce((sum, file) => sum + sizes.get(file).gzip, 0);
    const raw = added.reduce((sum, file) => sum + sizes.get(file).raw, 0);
    const brotli = added.reduce((sum, file) => sum + sizes.get(file).brotli, 0);
    rows.push([
      `+ lightbox on first open, product page (${added.length} files)`,
      fmt(raw),
      fmt(gzip),
      fmt(brotli),
      "",
    ]);
  }

  // Chunks loaded on demand in every language (the write dialog, its uploads, the lightbox) keep
  // their German and Hebrew words in chunks of their own too.
  for (const file of files.filter((f) =>
    /^chunks\/(?:write-review-dialog|review-uploads|lightbox)-/.test(f),
  )) {
    const speaking = [...closure([file], readCode)].filter((loaded) => HEBREW.test(code.get(loaded)));
    if (speaking.length)
      failures.push(`${file} loads Hebrew words whatever its language: ${speaking.join(", ")}`);
  }

  rows.push(["", "", "", "", ""]);
  adminCosts(rows, failures);

  const header = ["file", "raw", "gzip", "brotli", "budget (gz)"];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));

  if (failures.length) {
    console.error(`\nsize budget failed:\n- ${failures.join("\n- ")}`);
    process.exit(1);
  }
  console.log("\nsize budgets: ok");
}

/**
 * The merchant admin app (packages/admin/dist): its first screen (the entry module named by
 * index.html, its static imports, and the sign-in chunk it loads at once) and each lazy screen.
 */
function adminCosts(rows, failures) {
  const assets = join(adminDist, "assets");
  const html = readFileSync(join(adminDist, "index.html"), "utf8");
  const entry = /<script type="module"[^>]*src="\/admin\/assets\/([^"]+)"/.exec(html)?.[1];
  if (!entry) {
    failures.push("admin: index.html names no entry script");
    return;
  }
  const files = readdirSync(assets).filter((f) => f.endsWith(".js"));
  const code = new Map(files.map((f) => [f, readFileSync(join(assets, f), "utf8")]));
  const readCode = (file) => code.get(file) ?? "";
  const sizes = new Map(files.map((f) => [f, measure(code.get(f))]));
  const sum = (set) => [...set].reduce((total, f) => total + sizes.get(f).gzip, 0);
  const first = closure([entry, ...files.filter((f) => f.startsWith("sign-in-"))], readCode);
  const firstGzip = sum(first);
  if (firstGzip > BUDGETS.adminFirstScreen)
    failures.push(
      `admin first screen loads ${fmt(firstGzip)} gzipped (budget ${fmt(BUDGETS.adminFirstScreen)})`,
    );
  rows.push([
    `= admin first screen, sign-in (${first.size} files)`,
    "",
    fmt(firstGzip),
    "",
    fmt(BUDGETS.adminFirstScreen),
  ]);
  for (const screen of [
    "queue",
    "media",
    "overview",
    "customers",
    "privacy",
    "audit",
    "users",
    "requests",
    "program",
  ]) {
    const chunk = files.find((f) => f.startsWith(`${screen}-`));
    if (!chunk) {
      failures.push(`admin: no chunk for the ${screen} screen (every route is lazy)`);
      continue;
    }
    const added = new Set([...closure([chunk], readCode)].filter((f) => !first.has(f)));
    const gzip = sum(added);
    if (gzip > BUDGETS.adminRoute)
      failures.push(`admin ${screen} screen adds ${fmt(gzip)} gzipped (budget ${fmt(BUDGETS.adminRoute)})`);
    rows.push([`+ admin ${screen} screen (${added.size} files)`, "", fmt(gzip), "", fmt(BUDGETS.adminRoute)]);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
