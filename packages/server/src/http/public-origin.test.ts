import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { publicOriginOf } from "./public-origin.ts";

function appSeeing(publicUrl?: string) {
  const app = new Hono();
  app.get("/where", (c) => c.text(publicOriginOf(c, publicUrl ? { publicUrl } : {})));
  return app;
}

const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };

describe("public origin of a request", () => {
  it("is PLAUDIT_PUBLIC_URL when set, whatever the request says", async () => {
    const res = await appSeeing("https://reviews.shop.example").request("http://10.0.0.5:8787/where", {
      headers: forwarded,
    });
    expect(await res.text()).toBe("https://reviews.shop.example");
  });

  it("is the origin the request reached otherwise, never a forwarded host or scheme", async () => {
    const res = await appSeeing().request("http://127.0.0.1:8787/where", { headers: forwarded });
    expect(await res.text()).toBe("http://127.0.0.1:8787");
  });
});
