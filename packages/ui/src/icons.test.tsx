import { cleanup, render } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import { CheckIcon, ThumbDownIcon, ThumbUpIcon } from "./icons.tsx";
import { iconsCss } from "./icons-styles.ts";

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

  it("clips each icon to its path at its own size in px, the path filling its box", () => {
    for (const [name, size] of [
      ["check", 14],
      ["thumb", 16],
    ] as const) {
      const shape = rule(`.plaudit-icon--${name}`);
      expect(shape).toContain(`inline-size:${size}px;block-size:${size}px;`);
      const points = pathPoints(/clip-path:path\("([^"]*)"\)/.exec(shape)?.[1] ?? "");
      expect(points.length).toBeGreaterThan(4);
      const xs = points.map(([x]) => x);
      const ys = points.map(([, y]) => y);
      // Inside the box, and spanning most of it (as the 24-unit outlines span 17.6–20 of 24).
      expect(Math.min(...xs, ...ys)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...xs, ...ys)).toBeLessThanOrEqual(size);
      expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(size * 0.7);
      expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(size * 0.5);
    }
  });
});

/** Every point of a path (ends and control points) in absolute px; M L H V C, any case, and Z. */
function pathPoints(path: string): [number, number][] {
  const tokens = path.match(/[a-zA-Z]|-?(?:\d+\.?\d*|\.\d+)/g) ?? [];
  const arity: Record<string, number> = { m: 2, l: 2, h: 1, v: 1, c: 6, z: 0 };
  const points: [number, number][] = [];
  let [x, y, startX, startY] = [0, 0, 0, 0];
  let command = "";
  for (let i = 0; i < tokens.length; ) {
    if (/[a-zA-Z]/.test(tokens[i]!)) command = tokens[i++]!;
    const lower = command.toLowerCase();
    expect(arity).toHaveProperty(lower);
    const relative = command === lower;
    const n = tokens.slice(i, i + arity[lower]!).map(Number);
    i += arity[lower]!;
    if (lower === "z") {
      [x, y] = [startX, startY];
      continue;
    }
    const pairs: [number, number][] =
      lower === "h" ? [[n[0]!, relative ? 0 : y]] : lower === "v" ? [[relative ? 0 : x, n[0]!]] : [];
    for (let k = 0; lower !== "h" && lower !== "v" && k < n.length; k += 2) pairs.push([n[k]!, n[k + 1]!]);
    const absolute = pairs.map(([px, py]): [number, number] => (relative ? [x + px, y + py] : [px, py]));
    points.push(...absolute);
    [x, y] = absolute.at(-1)!;
    if (lower === "m") [startX, startY] = [x, y];
  }
  return points;
}
