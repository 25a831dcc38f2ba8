import { describe, expect, it } from "vitest";
import { mailSettingsFromEnv } from "./mail-settings.ts";

describe("mail settings", () => {
  it("takes a public URL without its trailing slash, and an SMTP URL with it", () => {
    expect(
      mailSettingsFromEnv({
        PLAUDIT_PUBLIC_URL: "https://reviews.example.com/",
        PLAUDIT_SMTP_URL: "smtp://u:p@mail.example.com:587",
      }),
    ).toEqual({ publicUrl: "https://reviews.example.com", smtpUrl: "smtp://u:p@mail.example.com:587" });
  });

  it("refuses an SMTP URL without a public URL, and malformed values", () => {
    expect(() => mailSettingsFromEnv({ PLAUDIT_SMTP_URL: "smtp://mail.example.com" })).toThrow(
      /PLAUDIT_PUBLIC_URL/,
    );
    expect(() => mailSettingsFromEnv({ PLAUDIT_PUBLIC_URL: "reviews.example.com" })).toThrow(
      /PLAUDIT_PUBLIC_URL/,
    );
    expect(() =>
      mailSettingsFromEnv({ PLAUDIT_PUBLIC_URL: "https://r.example", PLAUDIT_SMTP_URL: "http://mail" }),
    ).toThrow(/PLAUDIT_SMTP_URL/);
  });

  it("is empty when neither is set", () => {
    expect(mailSettingsFromEnv({})).toEqual({});
  });
});
