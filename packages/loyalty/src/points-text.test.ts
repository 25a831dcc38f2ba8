import { createI18n } from "@plaudit/core";
import { describe, expect, it } from "vitest";
import { inlineCatalogs } from "./messages/index.ts";
import { pointsText } from "./points-text.ts";

describe("pointsText", () => {
  it("speaks the generic name in the shopper's language, with its plural", () => {
    const de = createI18n("de-DE", inlineCatalogs);
    expect(pointsText(de, 1)).toBe("1 Punkt");
    expect(pointsText(de, 1650, "points")).toBe("1.650 Punkte");
    expect(pointsText(createI18n("en-US", inlineCatalogs), 1, "Points")).toBe("1 point");
  });

  it("uses the program's own name after a localized number", () => {
    expect(pointsText(createI18n("en-US", inlineCatalogs), 1650, "Stars")).toBe("1,650 Stars");
    expect(pointsText(createI18n("de-DE", inlineCatalogs), 1650, " Bonusmeilen ")).toBe("1.650 Bonusmeilen");
  });
});
