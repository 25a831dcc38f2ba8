// What a star row draws, read from a screenshot of it: the row is one element whose background is
// clipped to five stars by CSS, so only pixels can say how many stars are filled.
import type { Locator } from "playwright-core";
import sharp from "sharp";

type Rgb = [number, number, number];

export interface DrawnRow {
  /** The element's box, CSS px. */
  width: number;
  height: number;
  /** The screenshot's size, device px (the page's scale is 1). */
  image: { width: number; height: number };
  /** The tenths of a star its fill classes name (plaudit-tens-N plaudit-units-N: whole stars, tenths). */
  tenths: number;
  rtl: boolean;
  /** The screenshot's pixel at (x, y), x from the row's inline start (mirrored in RTL). */
  at(x: number, y: number): Rgb;
  /** Outside every star (the row's corner): what is behind the row. */
  background: Rgb;
  /** The theme's colours for the row (--p-star, --p-star-empty), as the page resolves them. */
  theme: { filled: Rgb; empty: Rgb };
}

export const distance = (a: Rgb, b: Rgb) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

export async function drawnRow(row: Locator): Promise<DrawnRow> {
  const box = await row.evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    const context = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
    const rgb = (colour: string): [number, number, number] => {
      context.fillStyle = colour.trim();
      context.fillRect(0, 0, 1, 1);
      const [r, g, b] = context.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!];
    };
    return {
      width: rect.width,
      height: rect.height,
      tenths:
        Number(/plaudit-tens-(\d+)/.exec(element.className)?.[1]) * 10 +
        Number(/plaudit-units-(\d)/.exec(element.className)?.[1]),
      rtl: style.direction === "rtl",
      theme: {
        filled: rgb(style.getPropertyValue("--p-star")),
        empty: rgb(style.getPropertyValue("--p-star-empty")),
      },
    };
  });
  // The element's box at its pixel-snapped place, where its background is painted (a locator's
  // screenshot takes every pixel the box touches: one more each way at a fractional position).
  await row.scrollIntoViewIfNeeded();
  const at0 = (await row.boundingBox())!;
  const clip = {
    x: Math.round(at0.x),
    y: Math.round(at0.y),
    width: Math.round(box.width),
    height: Math.round(box.height),
  };
  const { data, info } = await sharp(await row.page().screenshot({ clip, animations: "disabled" }))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const pixel = (x: number, y: number): Rgb => {
    const i = (y * info.width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
  const at = (x: number, y: number) => pixel(box.rtl ? info.width - 1 - x : x, y);
  return { ...box, image: { width: info.width, height: info.height }, at, background: pixel(0, 0) };
}

/** Pixel colours the fill and the empty part are drawn in: each first star's and last star's middle. */
export function starColours(row: DrawnRow): { filled: Rgb; empty: Rgb } {
  const size = row.height;
  return { filled: row.at(size / 2, size / 2), empty: row.at(row.width - size / 2, size / 2) };
}

/**
 * Per pixel column from the inline start: "filled" when the column's most covered pixel is nearer
 * the filled colour than the empty one, "empty" for the reverse, "" where no star is drawn. A pixel
 * on a star's edge is its colour blended with what is behind, so it is compared with the lines from
 * the background to each colour, and only when it is at least half way along one.
 */
export function columns(row: DrawnRow, colours: { filled: Rgb; empty: Rgb }): ("filled" | "empty" | "")[] {
  const bg = row.background;
  const along = (c: Rgb, to: Rgb) => {
    const d: Rgb = [to[0] - bg[0], to[1] - bg[1], to[2] - bg[2]];
    const length2 = d[0] ** 2 + d[1] ** 2 + d[2] ** 2;
    const t = Math.min(
      1,
      Math.max(0, ((c[0] - bg[0]) * d[0] + (c[1] - bg[1]) * d[1] + (c[2] - bg[2]) * d[2]) / length2),
    );
    return { t, off: distance(c, [bg[0] + t * d[0], bg[1] + t * d[1], bg[2] + t * d[2]]) };
  };
  const result: ("filled" | "empty" | "")[] = [];
  for (let x = 0; x < Math.round(row.width); x++) {
    let best: { t: number; kind: "filled" | "empty" } | undefined;
    for (let y = 0; y < Math.round(row.height); y++) {
      const c = row.at(x, y);
      const filled = along(c, colours.filled);
      const empty = along(c, colours.empty);
      const pick =
        filled.off <= empty.off
          ? { t: filled.t, kind: "filled" as const }
          : { t: empty.t, kind: "empty" as const };
      if (pick.t >= 0.5 && (!best || pick.t > best.t)) best = pick;
    }
    result.push(best?.kind ?? "");
  }
  return result;
}

/**
 * Where the fill should end, px from the inline start: past the whole stars, each with the 2 px gap
 * after it, and into the next star by the tenths left of its drawn width (a star spans 2.5–21.5 of
 * its 24 units): 4.1 stars fill a tenth of the fifth star.
 */
export const fillEnd = (row: DrawnRow) => {
  const size = row.height;
  return Math.floor(row.tenths / 10) * (size + 2) + ((2.5 + 19 * ((row.tenths % 10) / 10)) * size) / 24;
};

/** Runs of drawn columns: one per star drawn. */
export const starsDrawn = (drawn: string[]) =>
  drawn.filter((kind, x) => kind !== "" && (x === 0 || drawn[x - 1] === "")).length;

/**
 * Columns that contradict the fill: drawn filled beyond the fill's end, or empty before it (one px
 * either side of the end is where the two meet, anti-aliased).
 */
export function wrongColumns(row: DrawnRow, drawn: ("filled" | "empty" | "")[]): number[] {
  const end = fillEnd(row);
  return drawn.flatMap((kind, x) => {
    if (kind === "filled" && x > end + 1) return [x];
    if (kind === "empty" && x + 1 < end - 1) return [x];
    return [];
  });
}

/**
 * What a bar draws (a track with its fill inside, each a plain box: the histogram's, the loyalty
 * progress): the share of the track's middle pixel row, inside its edges, drawn in another colour
 * than its inline end (the fill must stop short of it), and the share the fill takes in layout.
 */
export async function drawnBar(track: Locator, fill: Locator): Promise<{ drawn: number; laid: number }> {
  await track.scrollIntoViewIfNeeded();
  const box = (await track.boundingBox())!;
  const laid = (await fill.boundingBox())!.width / box.width;
  const clip = {
    x: Math.round(box.x),
    y: Math.round(box.y),
    width: Math.round(box.width),
    height: Math.round(box.height),
  };
  const { data, info } = await sharp(await track.page().screenshot({ clip, animations: "disabled" }))
    .removeAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const row = Math.floor(info.height / 2) * info.width;
  const pixel = (x: number): Rgb => [
    data[(row + x) * 3]!,
    data[(row + x) * 3 + 1]!,
    data[(row + x) * 3 + 2]!,
  ];
  const rtl = await track.evaluate((element) => getComputedStyle(element).direction === "rtl");
  const inside = Array.from({ length: info.width - 6 }, (_, i) => (rtl ? info.width - 4 - i : 3 + i));
  const end = pixel(inside.at(-1)!);
  return { drawn: inside.filter((x) => distance(pixel(x), end) > 60).length / inside.length, laid };
}
