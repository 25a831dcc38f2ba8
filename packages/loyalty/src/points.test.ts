import { describe, expect, it } from "vitest";
import { PROGRAM } from "../testing/fake-loyalty-api.ts";
import { purchasePoints, reviewPointsFor } from "./points.ts";

const withRate = (points: number) => ({
  ...PROGRAM,
  earning: PROGRAM.earning.map((way) => (way.action === "purchase" ? { ...way, points } : way)),
});

describe("purchase points", () => {
  it("rounds to the nearest whole point like the server", () => {
    expect(purchasePoints(PROGRAM, 49.99)).toBe(50);
    expect(purchasePoints(PROGRAM, 49.49)).toBe(49);
    expect(purchasePoints(PROGRAM, 49.5)).toBe(50);
    expect(purchasePoints(withRate(5), 19.99)).toBe(100);
  });

  it("rounds exactly like the server's expression, float quirks included", () => {
    // 1.005 * 100 is 100.49999… in binary floating point: the server awards 100, so do we.
    expect(purchasePoints(withRate(100), 1.005)).toBe(Math.round(1.005 * 100));
    expect(purchasePoints(withRate(100), 1.005)).toBe(100);
  });

  it("earns nothing for nonsense amounts or a program without purchase points", () => {
    expect(purchasePoints(PROGRAM, Number.NaN)).toBe(0);
    expect(purchasePoints(PROGRAM, -5)).toBe(0);
    expect(purchasePoints({ ...PROGRAM, earning: [] }, 100)).toBe(0);
  });

  it("adds the media bonus to a review with photos", () => {
    expect(reviewPointsFor(PROGRAM, false)).toBe(50);
    expect(reviewPointsFor(PROGRAM, true)).toBe(75);
  });
});
