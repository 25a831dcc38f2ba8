import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Stars } from "./stars.tsx";
import { digitClasses, fillStep, starsCss } from "./stars-styles.ts";

afterEach(cleanup);

describe("Stars", () => {
  it("is one element with one text alternative for the whole row", () => {
    render(<Stars value={4.5} label="4.5 out of 5 stars" />);
    const stars = screen.getByRole("img", { name: "4.5 out of 5 stars" });
    expect(stars.tagName).toBe("SPAN");
    expect(stars.childNodes).toHaveLength(0);
  });

  it("fills to the nearest tenth of a star with a class, never an inline style", () => {
    const { container } = render(<Stars value={4.26} label="4.26 out of 5 stars" />);
    expect(container.innerHTML).toBe(
      '<span class="plaudit-stars plaudit-tens-4 plaudit-units-3" role="img" aria-label="4.26 out of 5 stars"></span>',
    );
  });

  it("marks the 20 px row with its size class", () => {
    render(<Stars value={3} label="3 out of 5 stars" size={20} />);
    expect(screen.getByRole("img").className).toBe(
      "plaudit-stars plaudit-stars--20 plaudit-tens-3 plaudit-units-0",
    );
  });

  it("clamps values outside 0–5", () => {
    expect(fillStep(-1)).toBe(0);
    expect(fillStep(7)).toBe(50);
    expect(fillStep(Number.NaN)).toBe(0);
  });

  it("has a tens class for every whole star (and a histogram's 100 %) and a units class for every tenth", () => {
    for (let n = 0; n <= 10; n++) expect(starsCss).toContain(`.plaudit-tens-${n}{--p-tens:${n}}`);
    for (let n = 0; n <= 9; n++) expect(starsCss).toContain(`.plaudit-units-${n}{--p-units:${n}}`);
    expect(starsCss).not.toContain(".plaudit-tens-11");
    expect(starsCss).not.toContain(".plaudit-units-10");
    expect(digitClasses(43)).toBe("plaudit-tens-4 plaudit-units-3");
    expect(digitClasses(100)).toBe("plaudit-tens-10 plaudit-units-0");
    expect(digitClasses(0)).toBe("plaudit-tens-0 plaudit-units-0");
  });

  it("clips the row to five stars 2 px apart, at each size's box", () => {
    for (const [size, selector] of [
      [16, ".plaudit-stars{"],
      [20, ".plaudit-stars--20{"],
    ] as const) {
      const rule = starsCss.slice(
        starsCss.indexOf(selector),
        starsCss.indexOf("}", starsCss.indexOf(selector)),
      );
      expect(rule).toContain(`inline-size:${size * 5 + 8}px;block-size:${size}px`);
      const path = /clip-path:path\("([^"]*)"\)/.exec(rule)?.[1] ?? "";
      // Each star starts at its top point, the middle of its size px: the next one size + 2 px on.
      const tops = [...path.matchAll(/M([\d.]+) ([\d.]+)l/g)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(tops).toEqual(
        [0, 1, 2, 3, 4].map((n) => [size / 2 + n * (size + 2), +((2.5 * size) / 24).toFixed(2)]),
      );
      // …and is the same outline, STAR_PATH's scaled from 24 units to size px.
      const outlines = path
        .split("M")
        .slice(1)
        .map((star) => star.slice(star.indexOf("l")));
      expect(new Set(outlines).size).toBe(1);
    }
  });
});
