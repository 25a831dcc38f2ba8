import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/** The client's IP: the socket's, or X-Forwarded-For's first hop when behind a trusted proxy. */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by @hono/node-server (app.request() in a unit test).
    return "unknown";
  }
}
