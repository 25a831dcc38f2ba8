import { describe, expect, it } from "vitest";
import { signCustomerToken, verifyCustomerToken } from "./customer-token.ts";

const secret = "sk_test_secret";
const now = new Date("2026-06-01T12:00:00Z");
const options = { now, lifetimeSeconds: 3600 };

describe("customer tokens", () => {
  it("accepts a fresh token and returns its customer id, dots included", () => {
    const token = signCustomerToken(secret, "cust.with.dots", now);
    expect(verifyCustomerToken(secret, token, options)).toEqual({
      ok: true,
      customerId: "cust.with.dots",
      issuedAt: now.getTime() / 1000,
    });
  });

  it("matches the HMAC recipe of API.md byte for byte", async () => {
    const { createHmac } = await import("node:crypto");
    const seconds = now.getTime() / 1000;
    const hex = createHmac("sha256", secret).update(`c1.${seconds}`).digest("hex");
    expect(signCustomerToken(secret, "c1", now)).toBe(`c1.${seconds}.${hex}`);
  });

  it("calls a token signed with another secret invalid", () => {
    const token = signCustomerToken("other", "c1", now);
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls a tampered customer id invalid", () => {
    const token = signCustomerToken(secret, "c1", now).replace(/^c1/, "c2");
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it("calls a token older than the lifetime expired", () => {
    const token = signCustomerToken(secret, "c1", new Date(now.getTime() - 3601_000));
    expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "expired" });
  });

  it("refuses a timestamp more than 60 s in the future", () => {
    const ok = signCustomerToken(secret, "c1", new Date(now.getTime() + 59_000));
    const late = signCustomerToken(secret, "c1", new Date(now.getTime() + 61_000));
    expect(verifyCustomerToken(secret, ok, options).ok).toBe(true);
    expect(verifyCustomerToken(secret, late, options)).toEqual({ ok: false, reason: "invalid" });
  });

  it.each(["", "abc", "c1.123", "c1.x.abcdef", ".123.ab", `c1.123.${"z".repeat(64)}`])(
    "calls the malformed token %j invalid",
    (token) => {
      expect(verifyCustomerToken(secret, token, options)).toEqual({ ok: false, reason: "invalid" });
    },
  );
});
