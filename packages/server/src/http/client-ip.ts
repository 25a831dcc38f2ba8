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
    if (entry !== undefined && entry.length <= 64) return withoutPort(entry);
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // Not served by @hono/node-server (app.request() in a unit test).
    return "unknown";
  }
}

/**
 * The address of an X-Forwarded-For entry without the port some proxies add (Azure's gateways
 * write `203.0.113.7:54321`, `[2001:db8::1]:443`): with it, each new connection of one client
 * was a bucket of its own and the per-address rate limit did not hold. Lower-cased (IPv6).
 */
function withoutPort(entry: string): string {
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d+)?$/i.exec(entry);
  if (bracketed?.[1]) return bracketed[1].toLowerCase();
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  if (v4?.[1]) return v4[1];
  return entry.toLowerCase();
}
