import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { publicOriginOf } from "./public-origin.ts";

function appSeeing(trustProxy: boolean) {
  const app = new Hono();
  app.get("/where", (c) => c.text(publicOriginOf(c, trustProxy)));
  return app;
}

const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "reviews.shop.example" };

describe("public origin of a request", () => {
  it("is the origin the request reached", async () => {
    const res = await appSeeing(false).request("http://127.0.0.1:8787/where", { headers: forwarded });
    expect(await res.text()).toBe("http://127.0.0.1:8787");
  });

  it("follows X-Forwarded-Proto and -Host only behind a trusted proxy", async () => {
    const res = await appSeeing(true).request("http://10.0.0.5:8787/where", { headers: forwarded });
    expect(await res.text()).toBe("https://reviews.shop.example");
  });

  it("ignores a forwarded host that is not a host name", async () => {
    const headers = { "x-forwarded-host": "evil.example/<script>" };
    const res = await appSeeing(true).request("http://10.0.0.5:8787/where", { headers });
    expect(await res.text()).toBe("http://10.0.0.5:8787");
  });
});
