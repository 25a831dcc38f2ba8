import { afterEach, describe, expect, it, vi } from "vitest";
import { getEvents } from "./events.ts";
import { createI18n, type I18n, type Messages } from "./i18n.ts";
import { catalogsFor, type LoadableCatalogs, mountSpeaking } from "./load-catalog.ts";

const en = { hello: "Hello", title: "Reviews" };
const de = { hello: "Hallo", title: "Bewertungen" };
const he = { hello: "שלום", title: "ביקורות" };

/** Catalogs whose German and Hebrew come when the test lets them (a chunk on its way). */
function loadable() {
  const arrivals: Record<string, { resolve: (m: Messages) => void; reject: (e: unknown) => void }> = {};
  const loader = (lang: string) =>
    vi.fn(
      () =>
        new Promise<Messages>((resolve, reject) => {
          arrivals[lang] = { resolve, reject };
        }),
    );
  const catalogs = { en, de: loader("de"), he: loader("he") };
  return { catalogs: catalogs as LoadableCatalogs, loaders: catalogs, arrivals };
}

const text = (found: ReturnType<typeof catalogsFor>, locale: string) => {
  if (found instanceof Promise) throw new Error("not at hand");
  const i18n = createI18n(locale, found);
  return `${i18n.locale} ${i18n.t("hello")}`;
};

afterEach(() => vi.restoreAllMocks());

describe("catalogsFor", () => {
  it("answers an English page (and a language with no catalog) at once, importing nothing", () => {
    const { catalogs, loaders } = loadable();
    expect(text(catalogsFor("en-US", catalogs), "en-US")).toBe("en-US Hello");
    expect(text(catalogsFor("fr-FR", catalogs), "fr-FR")).toBe("en Hello");
    expect(loaders.de).not.toHaveBeenCalled();
    expect(loaders.he).not.toHaveBeenCalled();
  });

  it("imports a language once for every widget that speaks it (de, de-AT), then answers at once", async () => {
    const { catalogs, loaders, arrivals } = loadable();
    const first = catalogsFor("de", catalogs);
    const second = catalogsFor("de-AT", catalogs);
    expect(first).toBeInstanceOf(Promise);
    expect(second).toBeInstanceOf(Promise);
    expect(loaders.de).toHaveBeenCalledTimes(1);
    expect(loaders.he).not.toHaveBeenCalled();
    arrivals.de!.resolve(de);
    expect(createI18n("de-AT", await second).t("hello")).toBe("Hallo");
    await first;
    // Arrived: the next widget (a badge an infinite scroll adds) renders in the task it mounts in.
    expect(text(catalogsFor("de-DE", catalogs), "de-DE")).toBe("de-DE Hallo");
    expect(loaders.de).toHaveBeenCalledTimes(1);
  });

  it("reads he-IL as Hebrew", async () => {
    const { catalogs, loaders, arrivals } = loadable();
    const found = catalogsFor("he-IL", catalogs);
    expect(loaders.he).toHaveBeenCalledTimes(1);
    arrivals.he!.resolve(he);
    const i18n = createI18n("he-IL", await found);
    expect([i18n.t("title"), i18n.dir]).toEqual(["ביקורות", "rtl"]);
  });

  it("leaves the widget in English, marked English, when the chunk cannot load; reports it; asks again next time", async () => {
    const { catalogs, loaders, arrivals } = loadable();
    const reported = vi.fn();
    const off = getEvents().on("error", reported);
    const found = catalogsFor("de", catalogs);
    const failure = new TypeError("Failed to fetch dynamically imported module");
    arrivals.de!.reject(failure);
    const i18n = createI18n("de", await found);
    off();
    expect([i18n.locale, i18n.t("hello")]).toEqual(["en", "Hello"]);
    expect(reported).toHaveBeenCalledWith({ error: failure });
    expect(catalogsFor("de", catalogs)).toBeInstanceOf(Promise);
    expect(loaders.de).toHaveBeenCalledTimes(2);
  });

  it("takes catalogs at hand as they are (the server's)", () => {
    expect(text(catalogsFor("de-CH", { en, de, he }), "de-CH")).toBe("de-CH Hallo");
  });
});

describe("mountSpeaking", () => {
  it("mounts once, in the page's language, in the task its catalog arrives, never in English first", async () => {
    const { catalogs, arrivals } = loadable();
    const spoken: string[] = [];
    const unmounted = vi.fn();
    const unmount = mountSpeaking("he", catalogs, "reviews", (i18n: I18n) => {
      spoken.push(i18n.t("hello"));
      return unmounted;
    });
    await Promise.resolve();
    expect(spoken).toEqual([]);
    arrivals.he!.resolve(he);
    // No task in between (a frame could be painted there): only microtasks.
    for (let i = 0; i < 5; i++) await Promise.resolve();
    expect(spoken).toEqual(["שלום"]);
    unmount();
    expect(unmounted).toHaveBeenCalledTimes(1);
  });

  it("mounts in the page's language where the page replaced window.Promise (zone.js)", async () => {
    let arrive!: (messages: Messages) => void;
    // The chunk's import(): a promise of the browser's, made before the page's class replaced it.
    const arriving = new Promise<Messages>((resolve) => {
      arrive = resolve;
    });
    const catalogs: LoadableCatalogs = { en, de: () => arriving };
    const spoken: string[] = [];
    const native = globalThis.Promise;
    // A class of the page's own: the import()'s promise is no instance of it.
    globalThis.Promise = class ZoneAwarePromise {} as unknown as PromiseConstructor;
    try {
      mountSpeaking("de", catalogs, "reviews", (i18n) => {
        spoken.push(i18n.t("hello"));
        return () => undefined;
      });
    } finally {
      globalThis.Promise = native;
    }
    expect(spoken).toEqual([]);
    arrive(de);
    await vi.waitFor(() => expect(spoken).toEqual(["Hallo"]));
  });

  it("mounts at once where the catalog is at hand", () => {
    const { catalogs } = loadable();
    const spoken: string[] = [];
    mountSpeaking("en-GB", catalogs, "stars", (i18n) => {
      spoken.push(i18n.t("hello"));
      return () => undefined;
    });
    expect(spoken).toEqual(["Hello"]);
  });

  it("mounts nothing when unmounted while the catalog was on its way", async () => {
    const { catalogs, arrivals } = loadable();
    const mount = vi.fn(() => () => undefined);
    const unmount = mountSpeaking("de", catalogs, "reviews", mount);
    unmount();
    arrivals.de!.resolve(de);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(mount).not.toHaveBeenCalled();
  });
});
