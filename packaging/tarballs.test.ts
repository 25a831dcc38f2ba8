// The packages as a storefront developer gets them from npm. Every public package is packed, the
// tarballs are installed with preact into an app outside the repository (storefront-app.ts), and
// there: each entry point is imported by plain Node, a TypeScript file is checked against the
// shipped .d.ts, and the installed plaudit-server is started; examples/npm-app and
// examples/react-app are built by Vite against it and examples/ssr-store by tsc, and each is
// opened in Chromium (docs/packages.md). Needs `npm run build` first (npm test does it), like the
// e2e suite.
import { execFileSync, spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_LAUNCH } from "../scripts/chromium.mjs";
import {
  cleanEnv,
  copyExample,
  installApp,
  type Listening,
  type Packed,
  PREACT_10,
  packAll,
  publicPackages,
  repoOnlyPackageNames,
  repoRoot,
  run,
  serveStatic,
  shopPackages,
  startListening,
} from "./storefront-app.ts";

// What a test or its kit looks like, wherever it sits (docs/packages.md: what never ships).
const TEST_FILE = /(\.test\.|(^|\/)(testing|crash|fuzz|e2e)\/|(^|\/)test-[^/]*$|-test-kit\.|fixtures)/;
// What a tarball may hold: compiled code, the server's launcher, the manifest, README, LICENSE.
const SHIPPED = /^(dist\/|bin\/|package\.json$|README\.md$|LICENSE$)/;

const packages = publicPackages();
const repoOnly = repoOnlyPackageNames();
// Packages with code to import (a `types` condition in their exports). The others ship built
// static files only: @plaudit/admin, the app the server serves at /admin/.
const libraries = packages.filter((p) =>
  Object.values(p.manifest.exports).some((target) => typeof target === "object" && target !== null),
);
const work = mkdtempSync(join(tmpdir(), "plaudit-packaging-"));
const app = join(work, "storefront");
let packed: Packed[] = [];

beforeAll(async () => {
  for (const p of packages) {
    if (!existsSync(join(p.dir, "dist"))) {
      throw new Error(`${p.name} is not built (no ${p.dir}/dist): run \`npm run build\` first`);
    }
  }
  packed = await packAll(packages, join(work, "tarballs"));
  await installApp(app, packed, join(work, "tarballs"));
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the tarballs", () => {
  it("are one per public package, each library built the same way", () => {
    expect(packed.map((p) => p.name).sort()).toEqual(packages.map((p) => p.name).sort());
    for (const p of libraries) {
      expect(existsSync(join(p.dir, "tsconfig.build.json")), `${p.name} has a tsconfig.build.json`).toBe(
        true,
      );
    }
  });

  it("hold what runs, the LICENSE and a README, and no test, fixture, fuzz or crash kit", () => {
    for (const tarball of packed) {
      const paths = tarball.files.map((file) => file.path);
      expect(
        paths.filter((path) => TEST_FILE.test(path)),
        `${tarball.name}: test files`,
      ).toEqual([]);
      expect(
        paths.filter((path) => !SHIPPED.test(path)),
        `${tarball.name}: files outside dist/`,
      ).toEqual([]);
      expect(paths, `${tarball.name}: LICENSE and README`).toEqual(
        expect.arrayContaining(["LICENSE", "README.md"]),
      );
      if (libraries.some((p) => p.name === tarball.name)) {
        expect(
          paths.filter((path) => path.endsWith(".d.ts")).length,
          `${tarball.name}: .d.ts`,
        ).toBeGreaterThan(0);
      }
    }
    const embed = packed.find((p) => p.name === "@plaudit/embed")!;
    expect(embed.files.map((file) => file.path)).toContain("dist/browser/plaudit.js");
  });

  it("carry a package.json whose every export, main, types, typesVersions and bin is a file in the tarball", () => {
    for (const tarball of packed) {
      const manifest = JSON.parse(
        execFileSync("tar", ["-xOzf", join(work, "tarballs", tarball.filename), "package/package.json"], {
          encoding: "utf8",
        }),
      );
      // The repository's own condition (its targets are src/ files) is stripped when packing
      // (scripts/pack-manifest.mjs).
      expect(JSON.stringify(manifest.exports ?? {}), `${tarball.name}: exports`).not.toContain(
        "@plaudit/source",
      );
      expect(manifest.scripts?.prepack, `${tarball.name}: pack scripts`).toBeUndefined();
      const files = new Set(tarball.files.map((file) => file.path));
      const bins = typeof manifest.bin === "string" ? [manifest.bin] : Object.values(manifest.bin ?? {});
      const targets = [
        ...exportTargets(manifest.exports),
        ...exportTargets(manifest.typesVersions),
        manifest.main,
        manifest.types,
        ...bins,
      ]
        .filter((target): target is string => typeof target === "string")
        .map((target) => target.replace(/^\.\//, ""));
      expect(targets.length, `${tarball.name}: targets`).toBeGreaterThan(0);
      expect(
        targets.filter((target) => !files.has(target)),
        `${tarball.name}: targets missing from the tarball`,
      ).toEqual([]);
    }
  });

  it("carry a package.json that npm publish would not have to correct (npm pkg fix leaves it as is)", async () => {
    // `npm publish` normalizes the manifest and warns "npm auto-corrected some errors"; what it
    // would change, `npm pkg fix` changes, here on each tarball's own package.json.
    await Promise.all(
      packed.map(async (tarball) => {
        const dir = mkdtempSync(join(work, "manifest-"));
        execFileSync("tar", [
          "-xzf",
          join(work, "tarballs", tarball.filename),
          "-C",
          dir,
          "package/package.json",
        ]);
        const file = join(dir, "package/package.json");
        const before = JSON.parse(readFileSync(file, "utf8"));
        await run("npm", ["pkg", "fix"], join(dir, "package"));
        expect(JSON.parse(readFileSync(file, "utf8")), `${tarball.name}: npm pkg fix`).toEqual(before);
      }),
    );
  });

  it("carry .d.ts files that name only .d.ts files in the tarball and declared packages", () => {
    for (const tarball of packed) {
      const files = new Set(tarball.files.map((file) => file.path));
      const installed = join(app, "node_modules", tarball.name);
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
      const declared = new Set(Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }));
      const unresolved: string[] = [];
      for (const path of [...files].filter((file) => file.endsWith(".d.ts"))) {
        // Without its doc comments: prose may quote an import (load-catalog's `import("./de.js")`).
        const text = readFileSync(join(installed, path), "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
        for (const [, spec] of text.matchAll(TYPE_SPECIFIER)) {
          if (spec!.startsWith(".")) {
            // A .d.ts names the .js beside it (TypeScript reads its .d.ts), never a source file.
            const target = posix.join(posix.dirname(path), spec!).replace(/\.js$/, ".d.ts");
            if (!spec!.endsWith(".js") || !files.has(target)) unresolved.push(`${path}: ${spec}`);
          } else if (!spec!.startsWith("node:") && PACKAGE_NAME.test(spec!)) {
            const parts = spec!.split("/");
            const name = spec!.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
            if (!declared.has(name)) unresolved.push(`${path}: ${spec} (not a dependency)`);
          }
        }
      }
      expect(unresolved, `${tarball.name}: .d.ts imports`).toEqual([]);
    }
  });
});

describe("each installed package's dependencies", () => {
  it("are what its shipped code imports: nothing undeclared, nothing declared for nothing", () => {
    for (const p of packages) {
      const installed = join(app, "node_modules", p.name);
      const manifest = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
      const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
      const imports = importedPackages(join(installed, "dist"));
      // A repository-only package (the demo) may be loaded on demand, never statically.
      const used = new Set(
        [...imports]
          .filter(([name, how]) => !(how === "dynamic" && repoOnly.has(name)))
          .map(([name]) => name),
      );
      // A dependency may also be there for another one's peer (the server brings the Preact that
      // @plaudit/reviews/server renders with).
      const peersOfDependencies = new Set(
        Object.keys(manifest.dependencies ?? {}).flatMap((name) => {
          const file = join(app, "node_modules", name, "package.json");
          return existsSync(file)
            ? Object.keys(JSON.parse(readFileSync(file, "utf8")).peerDependencies ?? {})
            : [];
        }),
      );
      expect(
        [...used].filter((name) => !declared.includes(name)),
        `${p.name} imports without declaring`,
      ).toEqual([]);
      expect(
        declared.filter((name) => !used.has(name) && !peersOfDependencies.has(name)),
        `${p.name} declares without using`,
      ).toEqual([]);
    }
  });
});

describe("in a storefront app outside the repository", () => {
  it("imports every entry point with plain Node, from ES modules and from CommonJS", async () => {
    const specifiers = packages.flatMap((p) =>
      Object.keys(p.manifest.exports)
        .filter((subpath) => subpath.endsWith(".json") === false)
        .map((subpath) => p.name + subpath.slice(1)),
    );
    const script = `for (const spec of ${JSON.stringify(specifiers)}) {
      const module = await import(spec);
      console.log(spec + " " + Object.keys(module).length);
    }`;
    const out = await run(process.execPath, ["--input-type=module", "-e", script], app);
    const counts = Object.fromEntries(
      out
        .trim()
        .split("\n")
        .map((line) => line.split(" ")),
    );
    expect(Object.keys(counts).sort()).toEqual([...specifiers].sort());
    for (const spec of specifiers)
      expect(Number(counts[spec]), `${spec} exports something`).toBeGreaterThan(0);
    // From CommonJS too (docs/packages.md): Node ≥ 20.19 requires an ES module that awaits nothing
    // at its top level, and gets the same exports.
    const required = await run(
      process.execPath,
      [
        "-e",
        `for (const spec of ${JSON.stringify(specifiers)}) console.log(spec + " " + Object.keys(require(spec)).length);`,
      ],
      app,
    );
    expect(required).toBe(out);
    // Nothing from the repository's dev dependencies came along to make that work.
    expect(existsSync(join(app, "node_modules/tsx"))).toBe(false);
  });

  it("bundles with Vite only the widgets a page calls: the star badge alone brings no reviews list, form or loyalty", async () => {
    // What each one-function page may not contain, as the compiled files under dist/ it would
    // come from (read from the bundle's source map). `sideEffects: false` drops unused modules;
    // a module-level call that builds an unused export must be marked pure for it to go too.
    const pages = {
      "stars-only": {
        code: `import { mountStars } from "@plaudit/reviews";\nmountStars(document.body, { store: "s", apiBase: "/", productId: "p" });\n`,
        unneeded: [/@plaudit\/reviews\/dist\/(reviews|write-review|media|paint)\//, /@plaudit\/loyalty\//],
      },
      "points-only": {
        code: `import { mountPoints } from "@plaudit/loyalty";\nmountPoints(document.body, { store: "s", apiBase: "/" });\n`,
        unneeded: [/@plaudit\/loyalty\/dist\/(launcher|panel)\//, /@plaudit\/reviews\//],
      },
    };
    for (const [name, page] of Object.entries(pages)) {
      const root = join(app, "tree-shaking", name);
      mkdirSync(root, { recursive: true });
      writeFileSync(join(root, "main.js"), page.code);
      writeFileSync(
        join(root, "index.html"),
        '<!doctype html><script type="module" src="./main.js"></script>\n',
      );
      await run(
        process.execPath,
        [join(app, "node_modules/vite/bin/vite.js"), "build", "--sourcemap", "--logLevel", "warn"],
        root,
      );
      const assets = join(root, "dist/assets");
      const sources = readdirSync(assets)
        .filter((file) => file.endsWith(".js.map"))
        .flatMap((file) => JSON.parse(readFileSync(join(assets, file), "utf8")).sources as string[]);
      expect(sources.length, `${name}: bundled modules`).toBeGreaterThan(0);
      expect(
        sources.filter((source) => page.unneeded.some((pattern) => pattern.test(source))),
        `${name}: modules it does not need`,
      ).toEqual([]);
    }
  });

  it("type-checks a storefront's TypeScript against the shipped .d.ts (bundler, Node and node10 resolution; ours and the oldest TypeScript)", async () => {
    mkdirSync(join(app, "src"), { recursive: true });
    // public-api.ts (the npm packages), script-tag-global.ts (window.Plaudit typed from ours).
    for (const file of readdirSync(join(repoRoot, "packaging/storefront")))
      copyFileSync(join(repoRoot, "packaging/storefront", file), join(app, "src", file));
    const base = {
      target: "ES2022",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      verbatimModuleSyntax: true,
    };
    const configs = {
      "tsconfig.bundler.json": { ...base, module: "ESNext", moduleResolution: "Bundler" },
      "tsconfig.node.json": { ...base, module: "NodeNext", moduleResolution: "NodeNext" },
    };
    // Older projects: `moduleResolution: "node"` (node10, gone from TypeScript 7) reads only
    // `types` and `typesVersions`; the oldest TypeScript we support also proves it reads our .d.ts.
    const oldest = {
      "tsconfig.oldest-node10.json": { ...base, module: "ESNext", moduleResolution: "Node10" },
    };
    const checks = [
      ...Object.entries(configs).map(([file, options]) => ["typescript", file, options] as const),
      ...Object.entries(oldest).map(([file, options]) => ["typescript-oldest", file, options] as const),
    ];
    await Promise.all(
      checks.map(([typescript, file, compilerOptions]) => {
        writeFileSync(join(app, file), JSON.stringify({ compilerOptions, include: ["src"] }));
        return run(process.execPath, [join(app, "node_modules", typescript, "bin/tsc"), "-p", file], app);
      }),
    );
  });
});

describe("the installed plaudit-server, and each example built from the tarballs against it", () => {
  const database = join(work, "plaudit.sqlite");
  const cli = (...args: string[]) =>
    run("npx", ["--no-install", "plaudit-server", ...args, "--database-url", database], app);
  let created: { store: unknown; adminKey: string };
  let server: Listening;
  const stops: Array<() => Promise<void>> = [];
  // A review the store published, which every example must then show.
  const REVIEW_BODY = "Packed, installed, and still soft after twenty washes.";

  beforeAll(async () => {
    created = JSON.parse(
      await cli(
        "stores",
        "create",
        "corner-shop",
        "--name",
        "Corner Shop",
        "--origin",
        "https://corner.example",
        "--json",
      ),
    );
    // The installed launcher (node_modules/.bin), with plain Node: production, no demo.
    server = await startListening(
      process.execPath,
      [join(app, "node_modules/.bin/plaudit-server"), "start", "--port", "0", "--database-url", database],
      { cwd: app, env: { HOST: "127.0.0.1" }, listening: /listening on http:\/\/localhost:(\d+)\// },
    );
    stops.push(() => server.stop());
  });

  afterAll(async () => {
    for (const stop of stops.reverse()) await stop();
  });

  it("creates a store with npx plaudit-server, then serves /plaudit.js, /admin/ and the store's API", async () => {
    // (toMatchObject: a store gains fields over releases — its time zone, … — without breaking)
    expect(created.store).toMatchObject({
      id: "corner-shop",
      name: "Corner Shop",
      allowedOrigins: ["https://corner.example"],
    });
    const loader = await fetch(`${server.url}/plaudit.js`);
    expect(loader.status).toBe(200);
    expect(loader.headers.get("content-type")).toMatch(/javascript/);
    expect(await loader.text()).toContain("chunks/");

    const admin = await fetch(`${server.url}/admin/`);
    expect(admin.status).toBe(200);
    expect(admin.headers.get("content-type")).toMatch(/text\/html/);

    const summary = await fetch(`${server.url}/v1/stores/corner-shop/products/enamel-mug/summary`);
    expect(summary.status).toBe(200);
    expect(await summary.json()).toMatchObject({ productId: "enamel-mug", count: 0 });

    const pending = await fetch(`${server.url}/v1/admin/reviews?status=pending`, {
      headers: { authorization: `Bearer ${created.adminKey}` },
    });
    expect(pending.status).toBe(200);
    expect(await pending.json()).toMatchObject({ items: [] });
  });

  it("takes a shopper's review and publishes it with the store's first admin key", async () => {
    const submitted = await fetch(`${server.url}/v1/stores/corner-shop/products/tee-classic/reviews`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://corner.example" },
      body: JSON.stringify({
        rating: 5,
        title: "Soft",
        body: REVIEW_BODY,
        author: { name: "Robin", email: "robin@corner.example" },
      }),
    });
    expect(submitted.status).toBe(201);
    const { review, status } = (await submitted.json()) as { review: { id: string }; status: string };
    if (status !== "published") {
      const published = await fetch(`${server.url}/v1/admin/reviews/${review.id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${created.adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ status: "published" }),
      });
      expect(published.status).toBe(200);
    }
    const summary = await fetch(`${server.url}/v1/stores/corner-shop/products/tee-classic/summary`);
    expect(await summary.json()).toMatchObject({ productId: "tee-classic", count: 1, average: 5 });
  });

  it("builds examples/npm-app (Vite + Preact), whose mount function and custom element show the review in Chromium", async () => {
    const built = await buildExample("npm-app", server.url);
    expect(built.code).toContain("plaudit-reviews"); // defineElements() made it in
    expect(built.code).not.toContain("__PLAUDIT_CHUNKS__"); // and the script-tag loader did not
    await expectWidgetsShown(built.dist);
    // `npm run dev` first scans the app for the dependencies to pre-bundle (what `vite optimize`
    // runs): it must read Preact's JSX, not look for react/jsx-dev-runtime and give up.
    const scan = await run(
      "sh",
      ["-c", `"${process.execPath}" "${join(app, "node_modules/vite/bin/vite.js")}" optimize --force 2>&1`],
      join(app, "npm-app"),
    );
    expect(scan).toContain("preact/jsx-dev-runtime");
    expect(scan).not.toMatch(/could not be resolved|Failed to run dependency scan/);
  });

  it("builds and type-checks examples/react-app (React storefront), which shows the review in Chromium", async () => {
    const built = await buildExample("react-app", server.url);
    expect(built.code).toContain("plaudit-stars");
    expect(built.code).toContain("react.transitional.element"); // React's own JSX, not Preact's
    await run(
      process.execPath,
      [join(app, "node_modules/typescript/bin/tsc"), "-p", "react-app/tsconfig.json"],
      app,
    );
    await expectWidgetsShown(built.dist);
  });

  it("compiles examples/ssr-store with tsc and runs it with node: the review in its first HTML, hydrated in Chromium", async () => {
    const root = copyExample("ssr-store", app);
    await run(process.execPath, [join(app, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], root);
    const shop = await startListening(process.execPath, [join(root, "dist/server.js")], {
      cwd: root,
      env: { PLAUDIT_API: server.url, PLAUDIT_STORE: "corner-shop", PORT: "0", HOST: "127.0.0.1" },
      listening: /listening on http:\/\/localhost:(\d+)/,
    });
    stops.push(() => shop.stop());
    const html = await (await fetch(`${shop.url}/products/tee-classic`)).text();
    expect(html).toContain(REVIEW_BODY); // rendered on the server, in the declarative shadow root
    expect(html).toContain("application/ld+json");
    expect(html).toContain(`${server.url}/plaudit.js`);

    await inChromium(
      `${shop.url}/products/tee-classic`,
      async (page, seen) => {
        // plaudit.js from the installed server adopts both widgets…
        await page.waitForFunction(
          () => {
            const mounted = (window as never as { __mounted: string[] }).__mounted;
            return mounted.includes("reviews") && mounted.includes("stars");
          },
          undefined,
          { timeout: 0 },
        );
        await page.getByText(REVIEW_BODY).waitFor({ state: "visible", timeout: 0 });
        // …without asking again for what the page already holds.
        expect(seen.requests.filter((url) => url.includes("/products/tee-classic/"))).toEqual([]);
        expect(seen.requests).toContain(`${server.url}/plaudit.js`);
      },
      { watchMounts: true },
    );
  });

  it(`installs on Preact 10 too (${PREACT_10}, no ERESOLVE): type-checks, renders on the server, and examples/npm-app shows the review in Chromium`, async () => {
    // A storefront of its own: npm resolves peers against the app's one Preact, 10 here.
    const shop = join(work, "storefront-preact-10");
    await installApp(shop, packed, join(work, "tarballs"), PREACT_10);
    // One Preact in the tree, the storefront's 10 (a second copy would break hooks), and every
    // peer range satisfied (`npm ls` fails on an invalid peer).
    const copies = await run("npm", ["ls", "preact", "--all", "--parseable"], shop);
    expect(copies.trim().split("\n")).toEqual([join(shop, "node_modules/preact")]);
    expect(JSON.parse(readFileSync(join(shop, "node_modules/preact/package.json"), "utf8")).version).toBe(
      PREACT_10,
    );

    // The shipped .d.ts against Preact 10's types (strict, skipLibCheck: false), with a shop's own
    // TypeScript and the Preact JSX of examples/npm-app (its custom elements and mount calls).
    const root = copyExample("npm-app", shop);
    mkdirSync(join(shop, "src"), { recursive: true });
    copyFileSync(join(repoRoot, "packaging/storefront/public-api.ts"), join(shop, "src/public-api.ts"));
    const compilerOptions = {
      target: "ES2022",
      lib: ["ES2023", "DOM", "DOM.Iterable"],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      verbatimModuleSyntax: true,
      module: "ESNext",
      moduleResolution: "Bundler",
      jsx: "react-jsx",
      jsxImportSource: "preact",
    };
    writeFileSync(
      join(shop, "tsconfig.json"),
      JSON.stringify({ compilerOptions, include: ["src", "npm-app/src"] }),
    );
    await run(process.execPath, [join(shop, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], shop);
    // And those packages' source (tests aside) against Preact 10's types, with the repository's
    // settings: what `npm run build` would say with Preact 10 installed (its hooks type refs
    // differently from 11's).
    const rootConfig = JSON.parse(
      readFileSync(join(repoRoot, "tsconfig.json"), "utf8").replace(/^\s*\/\/.*$/gm, ""),
    );
    const paths = Object.fromEntries(
      Object.entries(rootConfig.compilerOptions.paths as Record<string, string[]>).map(([name, files]) => [
        name,
        files.map((file) => join(repoRoot, file)),
      ]),
    );
    const preact10 = join(shop, "node_modules/preact");
    writeFileSync(
      join(shop, "tsconfig.source.json"),
      JSON.stringify({
        extends: join(repoRoot, "tsconfig.json"),
        compilerOptions: {
          paths: { ...paths, preact: [preact10], "preact/*": [`${preact10}/*`] },
          typeRoots: [join(repoRoot, "node_modules/@types")],
        },
        include: shopPackages().map((p) => join(p.dir, "src")),
        exclude: ["**/*.test.ts", "**/*.test.tsx"],
      }),
    );
    await run(
      process.execPath,
      [join(shop, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.source.json"],
      shop,
    );

    // Server rendering with Preact 10 (preact-render-to-string takes the app's Preact).
    const summary = await (
      await fetch(`${server.url}/v1/stores/corner-shop/products/tee-classic/summary`)
    ).json();
    const rendered = await run(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { renderStars } from "@plaudit/reviews/server";
        const { html } = await renderStars({ store: "corner-shop", product: { id: "tee-classic" }, data: { summary: ${JSON.stringify(summary)} } });
        console.log(html);`,
      ],
      shop,
    );
    expect(rendered).toMatch(/5 out of 5 stars, 1 review/);

    // In the browser: the mount function and the custom elements, rendered by Preact 10.
    const built = await buildExample("npm-app", server.url, shop);
    expect(built.dist).toBe(join(root, "dist"));
    expect(built.code).toContain("plaudit-reviews");
    await expectWidgetsShown(built.dist);
  });

  it("runs without sharp's native part (an optional dependency) where it can; start says in one line what to install", async () => {
    // As after `npm install --omit=optional`, or node_modules copied from another OS.
    const img = join(app, "node_modules/@img");
    const natives = readdirSync(img).filter((name) => /^sharp-(?!libvips)/.test(name));
    expect(natives.length, "sharp's platform package").toBeGreaterThan(0);
    const aside = join(work, "sharp-aside");
    mkdirSync(aside, { recursive: true });
    for (const name of natives) renameSync(join(img, name), join(aside, name));
    try {
      const bin = join(app, "node_modules/.bin/plaudit-server");
      expect(await run(process.execPath, [bin, "--help"], app)).toContain("Commands:");
      const fresh = join(work, "without-sharp.sqlite");
      expect(await run(process.execPath, [bin, "migrate", "--database-url", fresh], app)).toContain(
        "Database is up to date.",
      );
      const refused = await new Promise<{ code: number | null; stderr: string }>((done) => {
        const child = spawn(process.execPath, [bin, "start", "--port", "0", "--database-url", fresh], {
          cwd: app,
          env: { ...cleanEnv, HOST: "127.0.0.1" },
          stdio: ["ignore", "ignore", "pipe"],
        });
        let stderr = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString();
        });
        child.once("exit", (code) => done({ code, stderr }));
      });
      expect(refused.code).toBe(1);
      const lines = refused.stderr.trim().split("\n");
      expect(lines, refused.stderr).toHaveLength(1);
      // `start` writes its log as JSON lines from the first one.
      const { msg } = JSON.parse(lines[0]!) as { msg: string };
      expect(msg).toContain('Could not load the "sharp" module');
      expect(msg).toContain("npm install --include=optional sharp");
    } finally {
      for (const name of natives) renameSync(join(aside, name), join(img, name));
    }
  });

  /** Builds an example copied into the app (or `into` another) with its own Vite, pointed at our server. */
  async function buildExample(
    name: string,
    api: string,
    into = app,
  ): Promise<{ dist: string; code: string }> {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "examples", name, "package.json"), "utf8"));
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      expect(existsSync(join(into, "node_modules", dependency)), `${name} needs ${dependency}`).toBe(true);
    }
    const root = copyExample(name, into);
    await run(
      process.execPath,
      [join(into, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"],
      root,
      { VITE_PLAUDIT_API: api, VITE_PLAUDIT_STORE: "corner-shop" },
    );
    const dist = join(root, "dist");
    expect(existsSync(join(dist, "index.html"))).toBe(true);
    const code = readdirSync(join(dist, "assets"))
      .filter((file) => file.endsWith(".js"))
      .map((file) => readFileSync(join(dist, "assets", file), "utf8"))
      .join("\n");
    return { dist, code };
  }

  /** The built app served as static files and opened in Chromium: the badge and the review show. */
  async function expectWidgetsShown(dist: string): Promise<void> {
    const site = await serveStatic(dist);
    try {
      await inChromium(`${site.url}/`, async (page) => {
        await page.getByText(REVIEW_BODY).waitFor({ state: "visible", timeout: 0 });
        const badge = page.locator("plaudit-stars a.plaudit-star-badge");
        await badge.waitFor({ state: "visible", timeout: 0 });
        expect(await badge.getAttribute("aria-label")).toMatch(/5 out of 5 stars, 1 review/);
      });
    } finally {
      await site.close();
    }
  }
});

/**
 * Opens `url` in Debian's Chromium (a fresh profile) and runs `check`; then no page error, console
 * error or failed request may have happened. `seen.requests`: every URL the page asked for;
 * `watchMounts` records the kinds plaudit.js mounts in `window.__mounted`.
 */
async function inChromium(
  url: string,
  check: (page: Page, seen: { requests: string[] }) => Promise<void>,
  options: { watchMounts?: boolean } = {},
): Promise<void> {
  const profile = mkdtempSync(join(tmpdir(), "plaudit-packaging-chromium-"));
  const context = await chromium.launchPersistentContext(profile, CHROMIUM_LAUNCH);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const problems: string[] = [];
    const seen = { requests: [] as string[] };
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console.error: ${message.text()}`);
    });
    page.on("requestfailed", (request) => problems.push(`failed: ${request.url()}`));
    page.on("request", (request) => seen.requests.push(request.url()));
    if (options.watchMounts) {
      // What the script-tag loader mounts, through its documented queue (docs/embed.md).
      await page.addInitScript(() => {
        const w = window as never as { __mounted: string[]; Plaudit?: unknown[] };
        w.__mounted = [];
        w.Plaudit ??= [];
        w.Plaudit.push(["on", "widget:mounted", (event: { kind: string }) => w.__mounted.push(event.kind)]);
      });
    }
    await page.goto(url, { waitUntil: "load", timeout: 0 });
    await check(page, seen);
    expect(problems).toEqual([]);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * The packages the compiled JavaScript under `dist` reaches, and whether only by dynamic
 * `import()`: static, re-exported and dynamic imports of bare specifiers (not `node:` built-ins),
 * and packages whose files it locates by their `package.json` (the server finds @plaudit/embed's
 * built widgets that way).
 */
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(\/[\w./-]*)?$/;

/** Module specifiers in a .d.ts: `from "…"`, `import("…")`, `import "…"`. */
const TYPE_SPECIFIER = /(?<![\w$.])(?:from\s*|import\s*\(\s*|import\s+)["']([^"']+)["']/g;

function importedPackages(dist: string): Map<string, "static" | "dynamic"> {
  const used = new Map<string, "static" | "dynamic">();
  // `from`/`import` as keywords, not as a method (`Buffer.from("free")`).
  const specifier =
    /(?<![\w$.])(?:from|import)\s*(\()?\s*["']([^"'./][^"']*)["']|["']([^"'./][^"']*)\/package\.json["']/g;
  for (const entry of readdirSync(dist, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js") || entry.parentPath.includes("/dist/browser"))
      continue;
    const code = readFileSync(join(entry.parentPath, entry.name), "utf8");
    for (const match of code.matchAll(specifier)) {
      const spec = match[2] ?? match[3]!;
      if (spec.startsWith("node:") || !PACKAGE_NAME.test(spec)) continue; // built-ins, or prose
      const parts = spec.split("/");
      const name = spec.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
      if (match[1] !== "(" || !used.has(name)) used.set(name, match[1] === "(" ? "dynamic" : "static");
    }
  }
  return used;
}

/** Every file an `exports` map names, through any nesting of subpaths and conditions. */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === "string") return [exports];
  if (Array.isArray(exports)) return exports.flatMap(exportTargets);
  if (exports && typeof exports === "object") return Object.values(exports).flatMap(exportTargets);
  return [];
}
