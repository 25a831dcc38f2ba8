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

  it("rounds halves up on the decimals as written, for 0-, 2- and 3-decimal currencies alike", () => {
    // Each of these is a half that binary floating point puts just below .5 (0.285 × 100 is
    // 28.499999999999996): the page promises what the server's ledger awards (the same function).
    expect(purchasePoints(withRate(0.7), 45)).toBe(32); // JPY 45 → 31.5
    expect(purchasePoints(withRate(0.7), 44)).toBe(31); // JPY 44 → 30.8
    expect(purchasePoints(withRate(50), 0.57)).toBe(29); // EUR 0.57 → 28.5
    expect(purchasePoints(withRate(100), 1.005)).toBe(101); // EUR 1.005 → 100.5
    expect(purchasePoints(withRate(100), 0.285)).toBe(29); // KWD 0.285 → 28.5
    expect(purchasePoints(withRate(100), 0.284)).toBe(28); // KWD 0.284 → 28.4
    expect(purchasePoints(withRate(1), 1e-7)).toBe(0);
    expect(purchasePoints(withRate(1_000_000), 100_000_000)).toBe(1_000_000); // the cap
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
