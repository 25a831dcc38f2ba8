import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";

/**
 * The client's address. Behind `trustedProxies` proxies of your own (PLAUDIT_TRUST_PROXY=N), it is
 * the N-th X-Forwarded-For entry from the right: each proxy appends the address it was reached
 * from, so that entry was written by the outermost proxy you run — anything left of it is the
 * client's own say. With fewer entries than proxies, or none trusted, it is the socket's address.
 */
export function clientIp(c: Context, trustedProxies: number): string {
  if (trustedProxies > 0) {
    const entries = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter((entry) => entry !== "");
    const entry = entries[entries.length - trustedProxies];
    if (entry !== undefined && entry.length <= 64) return entry;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by @hono/node-server (app.request() in a unit test).
    return "unknown";
  }
}
