import { ApiErrorBody, ERROR_CODES } from "@plaudit/contract";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ApiError, errorBody, validationFailed } from "./errors.ts";

describe("API errors", () => {
  it("take only the contract's codes, and answer API.md's one shape", () => {
    // A code the contract does not list does not compile (typecheck runs over the tests too).
    // @ts-expect-error "made_up" is not one of the contract's ERROR_CODES
    const madeUp = new ApiError(400, "made_up", "not a code");
    expect(ERROR_CODES as readonly string[]).not.toContain(madeUp.code);
    // @ts-expect-error neither is it for errorBody
    errorBody("teapot", "no");

    const refused = validationFailed({ "author.email": "must be an email address" });
    expect(v.is(ApiErrorBody, refused.toBody())).toBe(true);
    expect(refused.toBody()).toEqual({
      error: {
        code: "validation_failed",
        message: "author.email must be an email address",
        fields: { "author.email": "must be an email address" },
      },
    });
    expect(v.is(ApiErrorBody, errorBody("csrf_failed", "a write needs the CSRF header"))).toBe(true);
    expect(v.is(ApiErrorBody, madeUp.toBody())).toBe(false);
  });
});
