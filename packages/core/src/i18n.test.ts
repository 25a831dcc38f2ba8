import { describe, expect, it } from "vitest";
import { createI18n, matchCatalog, resolveLocale } from "./i18n.ts";

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
    expect(["he", "ar-EG", "fa", "ur", "en", "de"].map((tag) => createI18n(tag, catalogs).dir)).toEqual([
      "rtl",
      "rtl",
      "rtl",
      "rtl",
      "ltr",
      "ltr",
    ]);
  });

  it("formats dates as medium dates and numbers by locale", () => {
    expect(createI18n("en-US", catalogs).formatDate("2026-01-05T12:00:00Z")).toBe("Jan 5, 2026");
    expect(createI18n("de-DE", catalogs).formatDate("2026-01-05T12:00:00Z")).toBe("05.01.2026");
    expect(createI18n("en", catalogs).formatDate("not a date")).toBe("");
    expect(createI18n("de", catalogs).formatNumber(4.5, { maximumFractionDigits: 1 })).toBe("4,5");
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

  it("matches catalogs exactly first", () => {
    expect(matchCatalog("pt-BR", ["en", "pt", "pt-BR"])).toBe("pt-BR");
    expect(matchCatalog("pt-PT", ["en", "pt", "pt-BR"])).toBe("pt");
  });
});
