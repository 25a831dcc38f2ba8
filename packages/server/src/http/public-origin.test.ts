import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../context.ts";
import { currentPublicOrigin, publicOrigin } from "./public-origin.ts";

// The origin is read deep inside the media code, without the Hono context in hand.
function appSeeing(trustProxy: boolean) {
  const app = new Hono<AppEnv>();
  app.use("*", ...publicOrigin(trustProxy));
  app.get("/where", async (c) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    return c.text(currentPublicOrigin());
  });
  return app;
}

const forwarded = { "x-forwarded-proto": "https", "x-forwarded-host": "reviews.shop.example" };

describe("public origin of a request", () => {
  it("is the origin the request reached, across awaits", async () => {
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

  it("is empty outside a request", () => {
    expect(currentPublicOrigin()).toBe("");
  });
});
