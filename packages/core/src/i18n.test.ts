import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import {
  createI18n,
  englishDate,
  englishNumber,
  keptLocales,
  LOCALES_KEPT,
  matchCatalog,
  resolveLocale,
} from "./i18n.ts";

const catalogs = {
  en: {
    hello: "Hello {name}",
    "reviews.one": "{count} review",
    "reviews.other": "{count} reviews",
    "reviews.zero": "No reviews yet",
    only: "English only",
  },
  de: { hello: "Hallo {name}", "reviews.one": "{count} Bewertung", "reviews.other": "{count} Bewertungen" },
  he: { hello: "שלום {name}" },
  ru: {
    "reviews.one": "{count} отзыв",
    "reviews.few": "{count} отзыва",
    "reviews.many": "{count} отзывов",
    "reviews.other": "{count} отзыва",
  },
};

describe("createI18n", () => {
  it("picks the language's catalog for a regional tag and falls back to English", () => {
    expect(createI18n("de-AT", catalogs).t("hello", { name: "Ana" })).toBe("Hallo Ana");
    expect(createI18n("fr-FR", catalogs).t("hello", { name: "Ana" })).toBe("Hello Ana");
    expect(createI18n("de", catalogs).t("only")).toBe("English only");
    expect(createI18n("de", catalogs).t("missing.key")).toBe("missing.key");
  });

  it("leaves unknown placeholders as written", () => {
    expect(createI18n("en", catalogs).t("hello")).toBe("Hello {name}");
  });

  it("chooses plural forms by the language's rules, with formatted counts", () => {
    const en = createI18n("en", catalogs);
    expect([0, 1, 2, 1234].map((n) => en.plural("reviews", n))).toEqual([
      "No reviews yet",
      "1 review",
      "2 reviews",
      "1,234 reviews",
    ]);
    const ru = createI18n("ru", catalogs);
    expect([1, 3, 5].map((n) => ru.plural("reviews", n))).toEqual(["1 отзыв", "3 отзыва", "5 отзывов"]);
    expect(createI18n("de", catalogs).plural("reviews", 1234)).toBe("1.234 Bewertungen");
  });

  it("is right-to-left for Hebrew, Arabic, Persian and Urdu only", () => {
    const all = { ...catalogs, ar: {}, fa: {}, ur: {} };
    expect(["he", "ar-EG", "fa", "ur", "en", "de"].map((tag) => createI18n(tag, all).dir)).toEqual([
      "rtl",
      "rtl",
      "rtl",
      "rtl",
      "ltr",
      "ltr",
    ]);
  });

  it("speaks, formats and is marked up as English where the shopper's language has no catalog", () => {
    // An Arabic or French page: English messages, so lang="en" and left to right, or a screen reader
    // reads them with an Arabic voice and the punctuation lands on the wrong side.
    for (const tag of ["ar", "ar-EG", "fr-FR"]) {
      const i18n = createI18n(tag, catalogs);
      expect([i18n.locale, i18n.dir, i18n.plural("reviews", 1234)]).toEqual(["en", "ltr", "1,234 reviews"]);
    }
    // A regional tag of a language that has one keeps its own formats.
    expect(createI18n("de-AT", catalogs).locale).toBe("de-AT");
    expect(createI18n("he-IL", catalogs).dir).toBe("rtl");
  });

  it("formats dates as medium dates and numbers by locale", () => {
    expect(createI18n("en-US", catalogs).formatDate("2026-01-05T12:00:00Z")).toBe("Jan 5, 2026");
    expect(createI18n("de-DE", catalogs).formatDate("2026-01-05T12:00:00Z")).toBe("05.01.2026");
    expect(createI18n("en", catalogs).formatDate("not a date")).toBe("");
    expect(createI18n("de", catalogs).formatNumber(4.5, { maximumFractionDigits: 1 })).toBe("4,5");
  });

  it("keeps formatters for a bounded number of locales, whatever tags arrive (a server's requests)", () => {
    const catalogs = { en: { n: "{count}" }, de: { n: "{count}" } };
    for (let i = 0; i < LOCALES_KEPT * 3; i++) {
      const i18n = createI18n(`de-x-tag${i}`, catalogs);
      expect(i18n.formatNumber(1234.5)).toBe("1.234,5");
    }
    expect(keptLocales()).toBe(LOCALES_KEPT);
    // A locale pushed out is made again when asked for, and formats the same.
    expect(createI18n("de-x-tag0", catalogs).formatNumber(1234.5)).toBe("1.234,5");
  });
});

describe("dates, whatever the time zone", () => {
  // The server paints the reviews' dates (SSR) and the browser writes them again once the widget's
  // code loads: in each one's own time zone, a review of 23:30 UTC read "Jan 5" on a UTC server and
  // became "Jan 6" in Tokyo at the shopper's first touch, and a server's answer depended on its TZ
  // (and on the zone its first formatter of a locale was made in). A date is its UTC calendar day.
  const zone = process.env.TZ;
  afterEach(() => {
    if (zone === undefined) delete process.env.TZ;
    else process.env.TZ = zone;
  });

  it("is the same day in every time zone, in every language", () => {
    const written = new Set<string>();
    for (const tz of ["UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Tokyo"]) {
      process.env.TZ = tz;
      const days = ["en", "en-GB", "de-DE", "he"].map((locale) =>
        ["2026-01-05T23:30:00Z", "2026-01-06T00:30:00Z"].map((iso) =>
          createI18n(locale, catalogs).formatDate(iso),
        ),
      );
      written.add(JSON.stringify(days));
      expect(days[0]).toEqual(["Jan 5, 2026", "Jan 6, 2026"]);
      expect(days[2]).toEqual(["05.01.2026", "06.01.2026"]);
    }
    expect(written.size).toBe(1);
  });
});

describe("resolveLocale", () => {
  it("prefers data-locale, then the closest lang, then the browser", () => {
    document.body.innerHTML =
      '<section lang="he"><div id="a"></div><div id="b" data-locale="de-AT"></div></section><p id="c"></p>';
    expect(resolveLocale(document.getElementById("b"))).toBe("de-AT");
    expect(resolveLocale(document.getElementById("a"))).toBe("he");
    expect(resolveLocale(document.getElementById("c"))).toBe(navigator.language);
  });

  it("reads a POSIX-style tag (de_DE, he_IL) as the language it names, not as English", () => {
    document.body.innerHTML =
      '<section lang="he_IL"><div id="a"></div></section><div id="b" data-locale="de_AT"></div>';
    expect(resolveLocale(document.getElementById("a"))).toBe("he-IL");
    expect(resolveLocale(document.getElementById("b"))).toBe("de-AT");
    const i18n = createI18n(resolveLocale(document.getElementById("a")), catalogs);
    expect(i18n.dir).toBe("rtl");
    expect(i18n.t("hello", { name: "Dana" })).toBe("שלום Dana");
  });

  it("finds the page's lang above the shadow roots a widget's element sits in (a Lit or Stencil storefront)", () => {
    document.body.innerHTML = '<main lang="he"><shop-product id="outer"></shop-product></main>';
    const outer = document.getElementById("outer") as HTMLElement;
    const inner = outer.attachShadow({ mode: "open" });
    inner.innerHTML = '<shop-tabs id="tabs"></shop-tabs>';
    const tabs = inner.getElementById("tabs") as HTMLElement;
    const deeper = tabs.attachShadow({ mode: "closed" });
    deeper.innerHTML =
      '<plaudit-reviews id="host"></plaudit-reviews><div lang="de"><span id="de"></span></div>';
    expect(resolveLocale(deeper.getElementById("host"))).toBe("he");
    // The nearest lang still wins, inside the shadow root as outside.
    expect(resolveLocale(deeper.getElementById("de"))).toBe("de");
  });

  it("matches catalogs exactly first", () => {
    expect(matchCatalog("pt-BR", ["en", "pt", "pt-BR"])).toBe("pt-BR");
    expect(matchCatalog("pt-PT", ["en", "pt", "pt-BR"])).toBe("pt");
  });
});

describe("English without Intl", () => {
  const optionSets: Array<Intl.NumberFormatOptions | undefined> = [
    undefined,
    { maximumFractionDigits: 1 },
    { minimumFractionDigits: 1, maximumFractionDigits: 1 },
    { maximumFractionDigits: 0 },
    { minimumFractionDigits: 2 },
  ];

  it("writes numbers exactly as Intl.NumberFormat('en') does", () => {
    const numbers = fc.oneof(
      fc.integer({ min: 0, max: 2_000_000_000 }),
      fc.double({ min: 0, max: 1e7, noNaN: true }),
      // Two-decimal averages (the API's rounding) and halves, where rounding has to be right.
      fc.integer({ min: 0, max: 50_000 }).map((n) => n / 100),
      fc.integer({ min: 0, max: 100_000 }).map((n) => n / 2000),
    );
    fc.assert(
      fc.property(numbers, fc.constantFrom(...optionSets), (n, opts) => {
        // Below a millionth JavaScript writes an exponent: left to Intl.
        expect(englishNumber(n, opts)).toBe(
          n === 0 || n >= 1e-6 ? new Intl.NumberFormat("en", opts).format(n) : undefined,
        );
      }),
      { numRuns: 3000 },
    );
    for (const n of [0, 0.0005, 0.15, 1.05, 2.45, 4.95, 999.9996, 1234.5, 1_000_000])
      for (const opts of optionSets)
        expect(englishNumber(n, opts)).toBe(new Intl.NumberFormat("en", opts).format(n));
  });

  it("leaves to Intl what it does not cover", () => {
    expect(englishNumber(-1)).toBeUndefined();
    expect(englishNumber(-0)).toBeUndefined();
    expect(englishNumber(Number.NaN)).toBeUndefined();
    expect(englishNumber(Number.POSITIVE_INFINITY)).toBeUndefined();
    expect(englishNumber(1e-7)).toBeUndefined();
    expect(englishNumber(1e15)).toBeUndefined();
    expect(englishNumber(0.5, { style: "percent" })).toBeUndefined();
    expect(englishNumber(1, { minimumFractionDigits: 3, maximumFractionDigits: 1 })).toBeUndefined();
    expect(englishDate(new Date(Date.UTC(999, 5, 1)))).toBeUndefined();
    // Through createI18n, the same answers as before.
    const en = createI18n("en", catalogs);
    expect(en.formatNumber(-1234.5)).toBe("-1,234.5");
    expect(en.formatNumber(0.256, { style: "percent" })).toBe("26%");
  });

  it("writes medium dates exactly as Intl.DateTimeFormat('en') does, in UTC", () => {
    const medium = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeZone: "UTC" });
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1000-01-01T12:00:00Z"),
          max: new Date("9999-12-30T00:00:00Z"),
          noInvalidDate: true,
        }),
        (date) => {
          expect(englishDate(date)).toBe(medium.format(date));
        },
      ),
      { numRuns: 2000 },
    );
    expect(createI18n("en-US", catalogs).formatDate("2026-01-05T10:00:00Z")).toBe(
      medium.format(new Date("2026-01-05T10:00:00Z")),
    );
  });

  it("picks the plural category Intl.PluralRules('en') picks, and only for English", () => {
    const rules = new Intl.PluralRules("en");
    for (const n of [0, 1, -1, 1.5, 2, 21, 101, 0.5, Number.NaN]) {
      expect(createI18n("en", catalogs).plural("reviews", n)).toBe(
        n === 0
          ? "No reviews yet"
          : `${new Intl.NumberFormat("en").format(n)} ${rules.select(n) === "one" ? "review" : "reviews"}`,
      );
    }
    // Not English: Intl's rules and formats, as before.
    expect(createI18n("en-GB", catalogs).formatDate("2026-01-05T10:00:00Z")).toBe(
      new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" }).format(
        new Date("2026-01-05T10:00:00Z"),
      ),
    );
    expect(createI18n("de", catalogs).formatNumber(1234.5)).toBe("1.234,5");
  });
});
