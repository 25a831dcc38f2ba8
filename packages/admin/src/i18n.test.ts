import { afterEach, describe, expect, it } from "vitest";
import { LOCALES, setLocale, t } from "./i18n.ts";
import { de } from "./locales/de.ts";
import { en } from "./locales/en.ts";
import { he } from "./locales/he.ts";

afterEach(async () => {
  await setLocale("en");
});

describe("admin messages about a number of things", () => {
  it("take the language's plural form of the number they name", async () => {
    await setLocale("en");
    expect(t("reviewsShown", { n: 1 })).toBe("1 review shown");
    expect(t("reviewsShown", { n: 0 })).toBe("0 reviews shown");
    expect(t("reviewsShownOf", { n: 1, total: 1 })).toBe("1 of 1 review shown");
    expect(t("reviewsShownOf", { n: 50, total: 10_000 })).toBe("50 of 10,000 reviews shown");
    expect(t("savedNone", { n: 1, message: "Offline." })).toBe("Nothing saved (1 review). Offline.");
    expect(t("locked", { minutes: 1 })).toBe("Too many failed attempts. Try again in 1 minute.");
    expect(t("adjusted", { delta: "+1", n: 1 })).toBe("Saved: +1 point.");
    expect(t("adjusted", { delta: "−1", n: -1 })).toBe("Saved: −1 point.");
    expect(t("adjusted", { delta: "+500", n: 500 })).toBe("Saved: +500 points.");

    await setLocale("de");
    expect(t("reviewsShown", { n: 1 })).toBe("1 Bewertung angezeigt");
    expect(t("reviewsShownOf", { n: 50, total: 10_000 })).toBe("50 von 10.000 Bewertungen angezeigt");
    expect(t("pendingApprove", { n: 1 })).toBe("1 wird freigegeben");
    expect(t("pendingApprove", { n: 3 })).toBe("3 werden freigegeben");
    expect(t("locked", { minutes: 1 })).toBe("Zu viele Fehlversuche. Versuchen Sie es in 1 Minute erneut.");

    // Hebrew has a form of its own for two.
    await setLocale("he");
    expect(t("reviewsShown", { n: 1 })).toBe("מוצגת ביקורת אחת");
    expect(t("reviewsShown", { n: 2 })).toBe("מוצגות שתי ביקורות");
    expect(t("reviewsShown", { n: 7 })).toBe("מוצגות 7 ביקורות");
    expect(t("locked", { minutes: 2 })).toBe("יותר מדי ניסיונות כושלים. נסו שוב בעוד שתי דקות.");
    expect(t("selectedCount", { n: 1 })).toBe("נבחרה אחת");
  });

  it("have only forms the language has, always with `other`", () => {
    const tables = { en, de, he } as const;
    for (const { code } of LOCALES) {
      const categories = new Intl.PluralRules(code).resolvedOptions().pluralCategories;
      for (const [key, message] of Object.entries(tables[code])) {
        if (typeof message === "string") continue;
        const forms = Object.keys(message).filter((k) => k !== "by");
        expect(forms, `${code}.${key}`).toContain("other");
        for (const form of forms) expect(categories, `${code}.${key}.${form}`).toContain(form);
      }
    }
  });
});
