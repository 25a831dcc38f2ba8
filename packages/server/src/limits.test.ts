import { describe, expect, it } from "vitest";
import { LIMITS as contractLimits } from "../../core/src/api-types.ts";
import { LIMITS } from "./limits.ts";

describe("server limits", () => {
  it("match the contract's LIMITS in @plaudit/core", () => {
    expect(LIMITS).toEqual(contractLimits);
  });
});
