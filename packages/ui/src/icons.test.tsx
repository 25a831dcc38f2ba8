import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { CheckIcon, ThumbDownIcon, ThumbUpIcon } from "./icons.tsx";
import { iconsCss, scaledPath } from "./icons-styles.ts";

afterEach(cleanup);

/** The declarations of `selector`'s rule in iconsCss. */
const rule = (selector: string) => {
  const start = iconsCss.indexOf(`${selector}{`);
  expect(start).toBeGreaterThanOrEqual(0);
  return iconsCss.slice(start + selector.length + 1, iconsCss.indexOf("}", start));
};

describe("icons", () => {
  it("are one empty element each, hidden from screen readers, with no inline style", () => {
    const { container } = render(
      <p>
        <CheckIcon />
        <ThumbUpIcon />
        <ThumbDownIcon />
      </p>,
    );
    expect(container.innerHTML).toBe(
      "<p>" +
        '<span class="plaudit-icon plaudit-icon--check" aria-hidden="true"></span>' +
        '<span class="plaudit-icon plaudit-icon--thumb" aria-hidden="true"></span>' +
        '<span class="plaudit-icon plaudit-icon--thumb plaudit-icon--down" aria-hidden="true"></span>' +
        "</p>",
    );
  });

  it("are drawn in the text's colour, also in forced colors and in print, the thumb down turned over", () => {
    const base = rule(".plaudit-icon");
    expect(base).toContain("background:currentColor");
    expect(base).toContain("forced-color-adjust:none");
    expect(base).toContain("print-color-adjust:exact");
    expect(base).toContain("flex:none");
    expect(rule(".plaudit-icon--down")).toBe("transform:rotate(180deg)");
    // A shape, not an image: nothing for the page's img-src to refuse.
    expect(iconsCss).not.toMatch(/url\(|mask/);
  });

  it("clips each icon to its path at its own size in px", () => {
    for (const [name, size] of [
      ["check", 14],
      ["thumb", 16],
    ] as const) {
      const shape = rule(`.plaudit-icon--${name}`);
      expect(shape).toContain(`inline-size:${size}px;block-size:${size}px;`);
      const path = /clip-path:path\("([^"]*)"\)/.exec(shape)?.[1] ?? "";
      const numbers = path.match(/-?(?:\d+\.?\d*|\.\d+)/g)!.map(Number);
      // Every point inside the box (the outlines are drawn in 24 units, from 1 to 23).
      const absolute = [...path.matchAll(/[MLCHV]([^a-zA-Z]*)/g)].flatMap((m) =>
        m[1]!.match(/-?(?:\d+\.?\d*|\.\d+)/g)!.map(Number),
      );
      expect(numbers.length).toBeGreaterThan(4);
      for (const n of absolute) {
        expect(n).toBeGreaterThanOrEqual(0);
        expect(n).toBeLessThanOrEqual(size);
      }
    }
  });

  it("scales path data from 24 units, keeping numbers that touched apart", () => {
    expect(scaledPath("M12 0h24", 12)).toBe("M6 0h12");
    expect(scaledPath("M2 21h4V9H2v12z", 16)).toBe("M1.33 14h2.67V6H1.33v8z");
    // ".95-4.57.03" is three numbers: scaled, the third needs a space, the second its minus only.
    expect(scaledPath("l.95-4.57.03-.32", 24)).toBe("l.95-4.57 .03-.32");
    expect(scaledPath("l1.5.3", 48)).toBe("l3 .6");
  });
});
