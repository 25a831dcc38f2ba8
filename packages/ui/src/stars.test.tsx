import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { Stars } from "./stars.tsx";
import { fillStep, starsCss } from "./stars-styles.ts";

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
      '<span class="plaudit-stars plaudit-fill-43" role="img" aria-label="4.26 out of 5 stars"></span>',
    );
  });

  it("marks the 20 px row with its size class", () => {
    render(<Stars value={3} label="3 out of 5 stars" size={20} />);
    expect(screen.getByRole("img").className).toBe("plaudit-stars plaudit-stars--20 plaudit-fill-30");
  });

  it("clamps values outside 0–5", () => {
    expect(fillStep(-1)).toBe(0);
    expect(fillStep(7)).toBe(50);
    expect(fillStep(Number.NaN)).toBe(0);
  });

  it("has a fill class for every tenth, as a share of the row", () => {
    for (const step of [0, 1, 43, 50]) expect(starsCss).toContain(`.plaudit-fill-${step}{--p-fill:${step * 2}%}`);
    expect(starsCss).not.toContain(".plaudit-fill-51");
  });

  it("clips the row to five stars 2 px apart, at each size's box", () => {
    // Each star starts at its left tip (2.5 of 24 units in); star n is (size + 2) px after star n - 1.
    const row = (size: 16 | 20) => {
      const rule = size === 16 ? /\.plaudit-stars\{([^}]*)\}/ : /\.plaudit-stars--20\{([^}]*)\}/;
      const body = rule.exec(starsCss)?.[1] ?? "";
      const path = /clip-path:path\("([^"]*)"\)/.exec(body)?.[1] ?? "";
      return {
        box: [/inline-size:(\d+)px/.exec(body)?.[1], /block-size:(\d+)px/.exec(body)?.[1]].map(Number),
        tips: [...path.matchAll(/L([\d.]+) [\d.]+l[\d.]+ -?[\d.]+zM?/g)].map((m) => Number(m[1])),
        stars: path.split("M").length - 1,
      };
    };
    for (const size of [16, 20] as const) {
      const { box, tips, stars } = row(size);
      expect(box).toEqual([size * 5 + 8, size]);
      expect(stars).toBe(5);
      const first = (2.5 * size) / 24;
      expect(tips).toHaveLength(5);
      tips.forEach((tip, n) => expect(tip - first).toBeCloseTo(n * (size + 2), 1));
    }
  });
});
