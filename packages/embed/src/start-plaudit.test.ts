import type { Painted } from "@plaudit/core";
import { readConfig } from "@plaudit/core/config";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EntryChunk, MountOptions, PaintChunk } from "./entry-module.ts";
import { type PlauditApi, type QueuedCall, startPlaudit } from "./start-plaudit.ts";

// The viewport is the browser's (happy-dom has no layout): this stand-in lets a test say which
// hosts are near it.
class TestViewport {
  static current: TestViewport | undefined;
  readonly observed = new Set<Element>();
  constructor(private readonly callback: IntersectionObserverCallback) {
    TestViewport.current = this;
  }
  observe(el: Element) {
    this.observed.add(el);
  }
  unobserve(el: Element) {
    this.observed.delete(el);
  }
  disconnect() {
    this.observed.clear();
  }
  show(...els: Element[]) {
    const entries = els
      .filter((el) => this.observed.has(el))
      .map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry);
    this.callback(entries, this as unknown as IntersectionObserver);
  }
}

const page = window as unknown as { Plaudit?: PlauditApi | QueuedCall[] };
// A few tasks: the chunk's import, then the mount in a task of its own (widget-hosts.ts).
const flush = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

/** A widget entry chunk that renders its product id as text, like a real one renders its view. */
function starsEntry() {
  const mounted: MountOptions[] = [];
  const unmounted: Element[] = [];
  const entry: EntryChunk = {
    readConfig,
    mount(options) {
      mounted.push(options);
      options.root.textContent = `stars for ${options.config.productId}`;
      return () => {
        unmounted.push(options.host);
        options.root.textContent = "";
      };
    },
  };
  return { entry, mounted, unmounted };
}

function scriptTag(attrs: Record<string, string> = { "data-store": "demo" }) {
  const script = document.createElement("script");
  script.src = "https://cdn.plaudit.test/v1/plaudit.js";
  for (const [name, value] of Object.entries(attrs)) script.setAttribute(name, value);
  return script;
}

function host(kind: string, productId: string) {
  const el = document.createElement("div");
  el.setAttribute("data-plaudit", kind);
  el.setAttribute("data-product-id", productId);
  return el;
}

let api: PlauditApi | undefined;
let imported: string[];
let stars: ReturnType<typeof starsEntry>;

function start(script: HTMLScriptElement | null = scriptTag()) {
  api = startPlaudit({
    window,
    script,
    chunks: { stars: "chunks/stars-abc.js", reviews: "chunks/reviews-def.js" },
    version: "1.2.3",
    importChunk(url) {
      imported.push(url);
      if (url.includes("stars")) return Promise.resolve(stars.entry);
      return Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${url}`));
    },
  });
  return api;
}

beforeEach(() => {
  vi.stubGlobal("IntersectionObserver", TestViewport);
  imported = [];
  stars = starsEntry();
  document.body.replaceChildren();
});

afterEach(() => {
  api?.destroy();
  api = undefined;
  delete page.Plaudit;
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("startPlaudit", () => {
  it("imports a kind's chunk only once one of its hosts nears the viewport", async () => {
    const badge = host("stars", "tee-1");
    document.body.append(badge);
    start();
    await flush();
    expect(imported).toEqual([]);

    TestViewport.current!.show(badge);
    await flush();
    expect(imported).toEqual(["https://cdn.plaudit.test/v1/chunks/stars-abc.js"]);
    expect(badge.shadowRoot?.textContent).toBe("stars for tee-1");
  });

  it("imports a kind's chunk once for all its hosts, and again after a failed import", async () => {
    const badges = ["tee-1", "tee-2", "tee-3"].map((id) => host("stars", id));
    const list = host("reviews", "tee-1");
    document.body.append(...badges, list);
    start();
    TestViewport.current!.show(...badges, list);
    await flush();
    expect(imported).toEqual([
      "https://cdn.plaudit.test/v1/chunks/stars-abc.js",
      "https://cdn.plaudit.test/v1/chunks/reviews-def.js",
    ]);
    expect(badges.map((badge) => badge.shadowRoot?.textContent)).toEqual([
      "stars for tee-1",
      "stars for tee-2",
      "stars for tee-3",
    ]);
    // The reviews chunk failed: the next host of its kind asks for it again.
    const another = host("reviews", "tee-2");
    document.body.append(another);
    await flush();
    TestViewport.current!.show(another);
    await flush();
    expect(imported.filter((url) => url.includes("reviews"))).toHaveLength(2);
  });

  it("gives widgets the script tag's store and the server plaudit.js came from (its folder) as the API", async () => {
    const badge = host("stars", "tee-1");
    document.body.append(badge);
    start(scriptTag({ "data-store": "demo", "data-locale": "de" }));
    TestViewport.current!.show(badge);
    await flush();
    expect(stars.mounted[0]?.config).toMatchObject({
      store: "demo",
      // Served at https://cdn.plaudit.test/v1/plaudit.js: a server behind the path prefix /v1.
      apiBase: "https://cdn.plaudit.test/v1",
      locale: "de",
      productId: "tee-1",
    });
    expect(stars.mounted[0]?.host).toBe(badge);
  });

  it("asks the page's own origin, not the page's folder, when it cannot find its script tag", async () => {
    // A tag manager injected it in a way that leaves no <script src> to read: the page's folder
    // (/products/) is a shop path, never where a Plaudit server is.
    history.pushState(null, "", "/products/tee-classic");
    const badge = host("stars", "tee-1");
    badge.setAttribute("data-store", "demo");
    document.body.append(badge);
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    start(null);
    TestViewport.current!.show(badge);
    await flush();
    history.pushState(null, "", "/");
    expect(stars.mounted[0]?.config.apiBase).toBe(location.origin);
  });

  it("gives an empty host a theme hides (div:empty) a space to show by, at once when mounted without waiting for the viewport", async () => {
    const theme = document.createElement("style");
    theme.textContent = "div:empty{display:none}";
    document.head.append(theme);
    const badge = host("stars", "tee-1");
    document.body.append(badge);
    await start()!.mount(badge, { kind: "stars" });
    theme.remove();
    expect(badge.textContent).toBe(" ");
    expect(stars.mounted[0]?.host).toBe(badge);
  });

  it("mounts hosts added later, also inside added subtrees, and unmounts removed ones", async () => {
    start();
    const card = document.createElement("article");
    const badge = host("stars", "tee-2");
    card.append(badge);
    document.body.append(card);
    await flush();
    TestViewport.current!.show(badge);
    await flush();
    expect(badge.shadowRoot?.textContent).toBe("stars for tee-2");

    card.remove();
    await flush();
    expect(stars.unmounted).toEqual([badge]);
    expect(TestViewport.current!.observed.size).toBe(0);
  });

  // A theme's dark-mode switch or language picker, or a variant picker's new product.
  it.each([
    { attribute: "data-product-id", value: "tee-9", config: { productId: "tee-9" } },
    { attribute: "data-theme", value: "dark", config: { productId: "tee-1", theme: "dark" } },
    { attribute: "data-locale", value: "de", config: { productId: "tee-1", locale: "de" } },
  ])("remounts a host whose $attribute changes", async ({ attribute, value, config }) => {
    const badge = host("stars", "tee-1");
    document.body.append(badge);
    start();
    TestViewport.current!.show(badge);
    await flush();
    expect(stars.unmounted).toEqual([]);

    badge.setAttribute(attribute, value);
    await flush();
    TestViewport.current!.show(badge);
    await flush();
    expect(stars.unmounted).toEqual([badge]);
    expect(stars.mounted).toHaveLength(2);
    expect(stars.mounted[1]).toMatchObject({ host: badge, config });
    expect(badge.shadowRoot?.textContent).toBe(`stars for ${config.productId}`);
  });

  it("keeps the page's own content in the host until the widget is ready", async () => {
    const badge = host("stars", "tee-1");
    badge.textContent = "See reviews";
    document.body.append(badge);
    start();
    await flush();
    expect(badge.shadowRoot).toBeNull();
    expect(badge.style.cssText).toBe("");
  });

  it("replays calls queued before the script arrived, then keeps push working", async () => {
    const errors: unknown[] = [];
    vi.spyOn(console, "error").mockImplementation(() => {});
    const seen: string[] = [];
    page.Plaudit = [["on", "error", (detail: { error: unknown }) => errors.push(detail.error)]];
    page.Plaudit.push((plaudit) => seen.push(plaudit.version));
    const reviews = host("reviews", "tee-1");
    document.body.append(reviews);
    start();
    expect(seen).toEqual(["1.2.3"]);

    await api!.mount(reviews);
    expect(errors).toHaveLength(1);
    (page.Plaudit as unknown as PlauditApi).push((plaudit) => seen.push(`again ${plaudit.version}`));
    expect(seen).toEqual(["1.2.3", "again 1.2.3"]);
  });

  it("turns a chunk that fails to load into one console line and an error event, nothing uncaught", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const errors: unknown[] = [];
    start();
    const off = api!.on("error", (detail) => errors.push(detail.kind));
    const first = host("reviews", "tee-1");
    const second = host("reviews", "tee-2");
    document.body.append(first, second);
    await expect(api!.mount(first)).resolves.toBeUndefined();
    await expect(api!.mount(second)).resolves.toBeUndefined();
    off();
    expect(errors).toEqual(["reviews", "reviews"]);
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(String(consoleError.mock.calls[0]?.[0])).toMatch(/^\[plaudit\] Failed to fetch/);
  });

  it("keeps mounting other hosts when one widget's mount throws", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    let calls = 0;
    const original = stars.entry.mount;
    stars.entry.mount = (options) => {
      calls += 1;
      if (calls === 1) throw new Error("broken widget");
      return original(options);
    };
    const a = host("stars", "a");
    const b = host("stars", "b");
    document.body.append(a, b);
    start();
    TestViewport.current!.show(a, b);
    await flush();
    expect(b.shadowRoot?.textContent).toBe("stars for b");
  });

  it("lets a second copy of the script find the first and leave it alone", () => {
    const first = start();
    const second = startPlaudit({ window, script: scriptTag(), chunks: {}, version: "9.9.9" });
    expect(second).toBeUndefined();
    expect(page.Plaudit).toBe(first);
  });

  it("starts where something else took the name first: an element with id=Plaudit, another script's object", async () => {
    for (const other of [document.createElement("div"), { ready: true }]) {
      page.Plaudit = other as unknown as QueuedCall[];
      const badge = host("stars", "tee-1");
      document.body.replaceChildren(badge);
      expect(start()).toBeDefined();
      expect(page.Plaudit).toBe(api);
      TestViewport.current!.show(badge);
      await flush();
      expect(badge.shadowRoot?.textContent).toBe("stars for tee-1");
      api!.destroy();
    }
  });

  it("adds nothing to the page's globals but Plaudit", () => {
    const before = new Set(Object.keys(window));
    start();
    expect(Object.keys(window).filter((key) => !before.has(key))).toEqual(["Plaudit"]);
  });

  it("says clearly when the script tag has no data-store, and lets hosts carry their own", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const badge = host("stars", "tee-1");
    badge.setAttribute("data-store", "other-shop");
    document.body.append(badge);
    start(scriptTag({}));
    expect(String(warn.mock.calls[0]?.[0])).toMatch(
      /^\[plaudit\] data-store is missing on the plaudit.js <script> tag/,
    );
    TestViewport.current!.show(badge);
    await flush();
    expect(stars.mounted[0]?.config.store).toBe("other-shop");
  });

  it("reports a bad data attribute with core's message and mounts nothing there", async () => {
    const consoleError = vi.spyOn(console, "error").mockImplementation(() => {});
    const badge = host("stars", "tee-1");
    badge.setAttribute("data-theme", "neon");
    document.body.append(badge);
    start();
    TestViewport.current!.show(badge);
    await flush();
    expect(String(consoleError.mock.calls[0]?.[0])).toMatch(/^\[plaudit\] data-theme="neon"/);
    expect(stars.mounted).toEqual([]);
  });

  it("mounts on request, unmounts on request and remounts everything on refresh", async () => {
    const badge = document.createElement("span");
    document.body.append(badge);
    start();
    await api!.mount(badge, { kind: "stars", productId: "by-hand" });
    expect(badge.shadowRoot?.textContent).toBe("stars for by-hand");

    api!.refresh();
    await flush();
    expect(stars.unmounted).toEqual([badge]);
    expect(stars.mounted).toHaveLength(2);

    api!.unmount(badge);
    expect(badge.shadowRoot?.textContent).toBe("");
    expect(stars.unmounted).toEqual([badge, badge]);
  });
});

describe("a live widget whose host the page swaps (a section re-render)", () => {
  /** Stars whose unmount answers a copy, as core's entryOf does (kept-widget.ts). */
  function keepingEntry() {
    const kept: string[] = [];
    stars.entry.mount = (options) => {
      stars.mounted.push(options);
      options.root.textContent = `stars for ${options.config.productId}`;
      const drawn = options.root.textContent;
      const unmount: ReturnType<EntryChunk["mount"]> = () => {
        stars.unmounted.push(options.host);
        options.root.textContent = "";
      };
      unmount.keep = () => {
        kept.push(drawn);
        const copy = (other: HTMLElement): Painted | undefined => {
          if (other.dataset.productId !== options.config.productId) return undefined;
          const root = other.attachShadow({ mode: "open" });
          root.textContent = `copy: ${drawn}`;
          return {
            used: Promise.resolve(),
            live: true,
            handOver: () => {
              root.textContent = "";
              return () => undefined;
            },
            release: () => undefined,
            again: copy,
          };
        };
        return {
          used: Promise.resolve(),
          live: true,
          handOver: () => () => undefined,
          release() {},
          again: copy,
        };
      };
      return unmount;
    };
    return kept;
  }

  /** A section holding one badge for tee-1, its code mounted (it came into view). */
  async function liveSection(): Promise<HTMLElement> {
    const section = document.createElement("section");
    section.innerHTML = `<div data-plaudit="stars" data-product-id="tee-1"></div>`;
    document.body.append(section);
    start();
    TestViewport.current!.show(section.firstElementChild!);
    await flush();
    return section;
  }

  it("shows the copy in the host put in its place in the same task, then mounts its code there at once", async () => {
    const kept = keepingEntry();
    const section = await liveSection();
    expect(stars.mounted).toHaveLength(1);

    section.innerHTML = `<div data-plaudit="stars" data-product-id="tee-1" data-variant-id="2"></div>`;
    const swapped = section.firstElementChild as HTMLElement;
    await Promise.resolve();
    expect(kept).toEqual(["stars for tee-1"]);
    expect(swapped.shadowRoot?.textContent).toBe("copy: stars for tee-1");
    // No wait for the viewport: it was live before.
    await flush();
    expect(stars.mounted.map((mounted) => mounted.host)).toEqual([expect.anything(), swapped]);
    expect(swapped.shadowRoot?.textContent).toBe("stars for tee-1");
  });

  it("never looks at a host put in and taken out again in the same task (A, then B, then A back)", async () => {
    keepingEntry();
    const section = await liveSection();

    section.innerHTML = `<div data-plaudit="stars" data-product-id="mug-9"></div>`;
    const other = section.firstElementChild as HTMLElement;
    section.innerHTML = `<div data-plaudit="stars" data-product-id="tee-1"></div>`;
    await Promise.resolve();
    expect(TestViewport.current!.observed.has(other)).toBe(false);
    expect(other.shadowRoot).toBeNull();
    expect((section.firstElementChild as HTMLElement).shadowRoot?.textContent).toBe("copy: stars for tee-1");
  });
});

describe("the loyalty launcher's host", () => {
  it("mounts at once, wherever it sits: the launcher is fixed to a viewport corner", async () => {
    const launcher = document.createElement("div");
    launcher.setAttribute("data-plaudit", "loyalty");
    document.body.append(launcher);
    const loyalty = starsEntry();
    api = startPlaudit({
      window,
      script: scriptTag(),
      chunks: { loyalty: "chunks/loyalty-abc.js" },
      version: "1.2.3",
      importChunk(url) {
        imported.push(url);
        return Promise.resolve(loyalty.entry);
      },
    });
    await flush();
    expect(imported).toEqual(["https://cdn.plaudit.test/v1/chunks/loyalty-abc.js"]);
    expect(loyalty.mounted[0]?.host).toBe(launcher);
    expect(TestViewport.current!.observed.has(launcher)).toBe(false);
  });
});

describe("painted first (docs/widget-contract.md)", () => {
  /** A paint chunk that paints "painted <id>" for product ids it knows and nothing for others. */
  function paintChunk(known: string[]) {
    const log: string[] = [];
    const uses = new Map<string, () => void>();
    // As the real painter: a shadow root only once there is markup to show. `again` paints in place
    // of a host it painted, at once, from memory, when the host's config asks for the same product.
    const painted = (el: HTMLElement, root: ShadowRoot | null, id: string): Painted => {
      (root ?? el.shadowRoot ?? el.attachShadow({ mode: "open" })).textContent = `painted ${id}`;
      return {
        used: new Promise<void>((resolve) => uses.set(id, resolve)),
        handOver() {
          log.push(`hand over ${id} (${el.shadowRoot?.textContent})`);
          return () => log.push(`replay ${id} (${el.shadowRoot?.textContent})`);
        },
        release(leave) {
          log.push(`release ${id}${leave ? " (left showing)" : ""}`);
        },
        again(other, inherited) {
          log.push(`again ${id}`);
          return readConfig(other, inherited).productId === id ? painted(other, null, id) : undefined;
        },
      };
    };
    const chunk: PaintChunk = {
      readConfig,
      async paint({ host: el, root, config }) {
        const id = config.productId!;
        if (!known.includes(id)) return undefined;
        log.push(`paint ${id}`);
        return painted(el, root, id);
      },
    };
    return { chunk, log, use: (id: string) => uses.get(id)!() };
  }

  /** Starts with a paint chunk; `code` answers the kind's own chunk (default: it loads). */
  function startPainted(
    painter: ReturnType<typeof paintChunk>,
    code: () => Promise<EntryChunk> = () => Promise.resolve(stars.entry),
  ) {
    api = startPlaudit({
      window,
      script: scriptTag(),
      chunks: { stars: "chunks/stars-abc.js" },
      paints: { stars: "chunks/paint-xyz.js" },
      version: "1.2.3",
      importChunk(url) {
        imported.push(url);
        return url.includes("paint") ? Promise.resolve(painter.chunk as unknown as EntryChunk) : code();
      },
    });
    return api;
  }

  /** A section holding one painted badge of tee-1 (a theme's section, re-rendered by the tests). */
  async function paintedSection(painter: ReturnType<typeof paintChunk>) {
    const section = document.createElement("section");
    section.append(host("stars", "tee-1"));
    document.body.append(section);
    startPainted(painter);
    TestViewport.current!.show(section.firstElementChild!);
    await flush();
    return section;
  }

  it("shows the painted markup without importing the kind's code, then mounts every painted host over it on first use", async () => {
    const painter = paintChunk(["tee-1", "tee-2"]);
    const badges = ["tee-1", "tee-2"].map((id) => host("stars", id));
    document.body.append(...badges);
    const mounted = vi.fn();
    startPainted(painter)?.on("widget:mounted", mounted);
    TestViewport.current!.show(...badges);
    await flush();
    expect(imported).toEqual(["https://cdn.plaudit.test/v1/chunks/paint-xyz.js"]);
    expect(badges.map((b) => b.shadowRoot?.textContent)).toEqual(["painted tee-1", "painted tee-2"]);
    expect(mounted).toHaveBeenCalledTimes(2);

    painter.use("tee-2");
    await flush();
    expect(imported).toEqual([
      "https://cdn.plaudit.test/v1/chunks/paint-xyz.js",
      "https://cdn.plaudit.test/v1/chunks/stars-abc.js",
    ]);
    // Both hosts came alive (one store for the page); each was handed over before its mount and
    // replayed after it.
    expect(badges.map((b) => b.shadowRoot?.textContent)).toEqual(["stars for tee-1", "stars for tee-2"]);
    expect(painter.log).toEqual([
      "paint tee-1",
      "paint tee-2",
      "hand over tee-1 (painted tee-1)",
      "replay tee-1 (stars for tee-1)",
      "hand over tee-2 (painted tee-2)",
      "replay tee-2 (stars for tee-2)",
    ]);
    expect(mounted).toHaveBeenCalledTimes(2);
  });

  it("hands painted markup over only once the kind's code is ready to speak the page's language", async () => {
    // A German page's catalog is a chunk of its own (core's load-catalog.ts): handed over before
    // it came, the widget could not render, and the shopper's held clicks would hit dead markup.
    let arrive!: () => void;
    const catalog = new Promise<void>((resolve) => {
      arrive = resolve;
    });
    const ready = vi.fn((_: Pick<MountOptions, "host" | "config">) => catalog);
    stars.entry.ready = ready;
    const painter = paintChunk(["tee-1"]);
    const badge = host("stars", "tee-1");
    badge.setAttribute("data-locale", "de");
    document.body.append(badge);
    startPainted(painter);
    TestViewport.current!.show(badge);
    await flush();
    painter.use("tee-1");
    await flush();
    expect(ready).toHaveBeenCalledWith({ host: badge, config: expect.objectContaining({ locale: "de" }) });
    expect(badge.shadowRoot?.textContent).toBe("painted tee-1");
    expect(painter.log).toEqual(["paint tee-1"]);
    arrive();
    await flush();
    expect(badge.shadowRoot?.textContent).toBe("stars for tee-1");
    expect(painter.log).toEqual([
      "paint tee-1",
      "hand over tee-1 (painted tee-1)",
      "replay tee-1 (stars for tee-1)",
    ]);
  });

  it("gives a host painted after the page came alive its code at once (a badge an infinite scroll adds)", async () => {
    const painter = paintChunk(["tee-1", "tee-2"]);
    const first = host("stars", "tee-1");
    document.body.append(first);
    startPainted(painter);
    TestViewport.current!.show(first);
    await flush();
    painter.use("tee-1");
    await flush();
    expect(first.shadowRoot?.textContent).toBe("stars for tee-1");

    const later = host("stars", "tee-2");
    document.body.append(later);
    await flush();
    TestViewport.current!.show(later);
    await flush();
    // Not waiting for a use of its own: the page's store is live, the new badge follows it.
    expect(later.shadowRoot?.textContent).toBe("stars for tee-2");
    expect(painter.log.slice(-3)).toEqual([
      "paint tee-2",
      "hand over tee-2 (painted tee-2)",
      "replay tee-2 (stars for tee-2)",
    ]);
  });

  /** A badge host as server rendering leaves it (docs/ssr.md): its markup and style in its shadow root. */
  function serverBadge(productId: string) {
    const el = host("stars", productId);
    el.attachShadow({
      mode: "open",
    }).innerHTML = `<style>.plaudit-root{color:inherit}</style><a class="plaudit-root" href="#reviews">${productId}</a>`;
    return el;
  }
  const PAINT = "https://cdn.plaudit.test/v1/chunks/paint-xyz.js";
  const STARS = "https://cdn.plaudit.test/v1/chunks/stars-abc.js";

  it("loads nothing for a badge the server painted (a link) until another widget on the page comes alive", async () => {
    const painter = paintChunk(["tee-1", "tee-2"]);
    const served = serverBadge("tee-2");
    const other = host("stars", "tee-1");
    document.body.append(served, other);
    // Heard through the queue, as a page hears the first scan's events.
    const events: string[] = [];
    page.Plaudit = ["mounted", "unmounted"].map((name) => [
      "on",
      `widget:${name}`,
      (detail: { element: HTMLElement }) => events.push(`${name} ${detail.element.dataset.productId}`),
    ]);
    startPainted(painter);
    const viewport = TestViewport.current!;
    expect([...viewport.observed]).toEqual([other]);
    await flush();
    expect(imported).toEqual([]);
    expect(served.shadowRoot?.querySelector("a")?.textContent).toBe("tee-2");
    // It is there, showing: said once, as a painted widget is.
    expect(events).toEqual(["mounted tee-2"]);

    viewport.show(other);
    await flush();
    expect(imported).toEqual([PAINT]);
    expect(painter.log).toEqual(["paint tee-1"]);
    // The painted badge's first use: the page's store goes live, and the server's badge follows it.
    painter.use("tee-1");
    await flush();
    expect(imported).toEqual([PAINT, STARS]);
    expect([other, served].map((b) => b.shadowRoot?.textContent)).toEqual([
      "stars for tee-1",
      "stars for tee-2",
    ]);
    expect(events).toEqual(["mounted tee-2", "mounted tee-1"]);
    served.remove();
    await flush();
    expect(events.at(-1)).toBe("unmounted tee-2");
  });

  it("paints a server badge through its paint chunk when its style was refused or its product changed", async () => {
    const painter = paintChunk(["tee-1", "tee-2"]);
    // A CSP that refused the inline <style>: the browser gives it no sheet, and the paint chunk adopts it.
    const refused = serverBadge("tee-1");
    Object.defineProperty(refused.shadowRoot!.querySelector("style")!, "sheet", { value: null });
    const changed = serverBadge("tee-2");
    document.body.append(refused, changed);
    startPainted(painter);
    const viewport = TestViewport.current!;
    expect([...viewport.observed]).toEqual([refused]);
    // A single-page app's product swap: the server's markup is the old product's.
    changed.setAttribute("data-product-id", "tee-1");
    await flush();
    expect([...viewport.observed]).toEqual([refused, changed]);
    viewport.show(refused, changed);
    await flush();
    expect(imported).toEqual([PAINT]);
    expect(painter.log).toEqual(["paint tee-1", "paint tee-1"]);
  });

  it("mounts the kind's code at once where nothing could be painted, the host's own content showing until then", async () => {
    const painter = paintChunk([]);
    const badge = host("stars", "tee-9");
    badge.textContent = "★★★★☆";
    document.body.append(badge);
    startPainted(painter);
    let rootWhilePainting: ShadowRoot | null | undefined;
    painter.chunk.paint = async (options) => {
      rootWhilePainting = options.host.shadowRoot;
      return undefined;
    };
    TestViewport.current!.show(badge);
    await flush();
    expect(rootWhilePainting).toBeNull();
    expect(badge.shadowRoot?.textContent).toBe("stars for tee-9");
    expect(stars.mounted).toHaveLength(1);
  });

  it("mounts the kind's code when the paint chunk cannot load or its paint throws", async () => {
    for (const failing of [
      () => Promise.reject(new TypeError("Failed to fetch dynamically imported module")),
      () => Promise.resolve({ readConfig, paint: () => Promise.reject(new TypeError("TrustedHTML")) }),
    ]) {
      const badge = host("stars", "tee-9");
      document.body.append(badge);
      api = startPlaudit({
        window,
        script: scriptTag(),
        chunks: { stars: "chunks/stars-abc.js" },
        paints: { stars: "chunks/paint-xyz.js" },
        version: "1.2.3",
        importChunk: (url) =>
          (url.includes("paint") ? failing() : Promise.resolve(stars.entry)) as Promise<EntryChunk>,
      });
      TestViewport.current!.show(badge);
      await flush();
      expect(badge.shadowRoot?.textContent).toBe("stars for tee-9");
      api?.destroy();
      delete page.Plaudit;
      badge.remove();
    }
  });

  it("asks for the kind's code again on the next press when it could not load on first use", async () => {
    const painter = paintChunk(["tee-1"]);
    const badge = host("stars", "tee-1");
    document.body.append(badge);
    let offline = true;
    startPainted(painter, () =>
      offline ? Promise.reject(new TypeError("Failed to fetch")) : Promise.resolve(stars.entry),
    );
    TestViewport.current!.show(badge);
    await flush();
    painter.use("tee-1");
    await flush();
    expect(badge.shadowRoot?.textContent).toBe("painted tee-1");
    offline = false;
    badge.dispatchEvent(new Event("pointerdown", { bubbles: true }));
    await flush();
    expect(badge.shadowRoot?.textContent).toBe("stars for tee-1");
    expect(imported.filter((url) => url.includes("stars-abc"))).toHaveLength(2);
  });

  it("paints a host put in place of a painted one (a section re-render) in the same task, from memory, whatever its other data-*; another product's the usual way", async () => {
    const painter = paintChunk(["tee-1"]);
    const section = await paintedSection(painter);
    expect(painter.log).toEqual(["paint tee-1"]);
    // The theme's re-render for another variant: the host with the variant's id, plus another product's badge.
    section.innerHTML = `<div data-plaudit="stars" data-product-id="tee-1" data-variant-id="2"></div><div data-plaudit="stars" data-product-id="tee-2"></div>`;
    const [same, other] = section.children as HTMLCollectionOf<HTMLElement>;
    // The observer's callback is a microtask: this one runs after it, before any task (a frame).
    await Promise.resolve();
    expect(same!.shadowRoot?.textContent).toBe("painted tee-1");
    expect(painter.log).toEqual(["paint tee-1", "release tee-1 (left showing)", "again tee-1"]);
    expect(TestViewport.current!.observed.has(same!)).toBe(false);
    expect(other!.shadowRoot).toBeNull();
    expect(TestViewport.current!.observed.has(other!)).toBe(true);
    // Its code comes when the shopper reaches for it, as for any painted host.
    painter.use("tee-1");
    await flush();
    expect(same!.shadowRoot?.textContent).toBe("stars for tee-1");
  });

  it("paints a host put in place of a painted one a round trip later, or the same one put back, from memory; not after 10 s", async () => {
    const painter = paintChunk(["tee-1"]);
    const section = await paintedSection(painter);
    // Taken out; the new host comes in a later task (an SPA's fetch in between).
    const old = section.firstElementChild!;
    section.replaceChildren();
    await flush();
    section.append(host("stars", "tee-1"));
    await Promise.resolve();
    expect(section.firstElementChild!.shadowRoot?.textContent).toBe("painted tee-1");
    // The same element put back (kept alive) a task later.
    section.replaceChildren();
    await flush();
    section.append(old);
    await Promise.resolve();
    expect(painter.log).toEqual([
      "paint tee-1",
      "release tee-1 (left showing)",
      "again tee-1",
      "release tee-1 (left showing)",
      "again tee-1",
    ]);
    expect(TestViewport.current!.observed.has(old)).toBe(false);
    // Held 10 s from its last removal: a host that comes after is painted the usual way (when in view).
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    try {
      old.remove();
      await vi.advanceTimersByTimeAsync(9_999);
      section.append(host("stars", "tee-1"));
      await vi.advanceTimersByTimeAsync(0);
      section.replaceChildren();
      await vi.advanceTimersByTimeAsync(10_000);
    } finally {
      vi.useRealTimers();
    }
    const late = host("stars", "tee-1");
    section.append(late);
    await flush();
    expect(painter.log.slice(5)).toEqual([
      "release tee-1 (left showing)",
      "again tee-1",
      "release tee-1 (left showing)",
    ]);
    expect(TestViewport.current!.observed.has(late)).toBe(true);
  });

  it("attaches the shadow root of server markup put in with innerHTML (an inert <template shadowrootmode>) in the same task", async () => {
    const painter = paintChunk([]);
    startPainted(painter);
    const section = document.createElement("section");
    document.body.append(section);
    // A section re-render of server-rendered badges: innerHTML parses no declarative shadow root.
    section.innerHTML = `<div data-plaudit="stars" data-product-id="tee-1"><template shadowrootmode="open"><a class="plaudit-root" href="#r">4.5 (12)</a></template></div>`;
    const badge = section.firstElementChild as HTMLElement;
    expect(badge.shadowRoot).toBeNull();
    await Promise.resolve();
    expect(badge.shadowRoot?.innerHTML).toBe('<a class="plaudit-root" href="#r">4.5 (12)</a>');
    expect(badge.querySelector("template")).toBeNull();
    // A host with a shadow root of its own keeps it, and its template.
    const own = host("stars", "tee-2");
    own.attachShadow({ mode: "open" }).append("theirs");
    own.innerHTML = `<template shadowrootmode="open">ours</template>`;
    section.append(own);
    await Promise.resolve();
    expect(own.shadowRoot?.textContent).toBe("theirs");
    expect(own.querySelector("template")).not.toBeNull();
  });

  it("releases a painted host that leaves the page, and one removed while it was painting", async () => {
    const painter = paintChunk(["tee-1", "tee-2"]);
    const [kept, gone] = ["tee-1", "tee-2"].map((id) => host("stars", id));
    document.body.append(kept!, gone!);
    const unmounted = vi.fn();
    startPainted(painter)?.on("widget:unmounted", unmounted);
    TestViewport.current!.show(kept!);
    await flush();
    kept!.remove();
    await flush();
    expect(painter.log).toEqual(["paint tee-1", "release tee-1 (left showing)"]);
    expect(unmounted).toHaveBeenCalledWith({ kind: "stars", element: kept });

    TestViewport.current!.show(gone!);
    gone!.remove();
    await flush();
    expect(painter.log.slice(2)).toEqual(["paint tee-2", "release tee-2"]);
    expect(stars.mounted).toHaveLength(0);
  });
});
