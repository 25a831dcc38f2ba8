import { isIPv4, isIPv6 } from "node:net";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import ipaddr from "ipaddr.js";

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

/**
 * What a client is counted by wherever its address is a key (rate limits, the admin and sign-in
 * throttles, search, upload, review and vote limits, anonymous votes): `addressKey` of `clientIp`.
 * The audit log and sessions record the address itself.
 */
export function clientKey(c: Context, trustedProxies: number): string {
  return addressKey(clientIp(c, trustedProxies));
}

/**
 * An address as a key: IPv4 as it is; IPv6 by its /64 (`2001:db8:1:2::/64`) — one home or phone
 * is handed a whole /64 and picks any of its 2^64 addresses at will, so per address one shopper
 * was as many buckets as they liked; an IPv4-mapped IPv6 address (`::ffff:203.0.113.7`, how a
 * dual-stack socket reports an IPv4 client) as the IPv4 address it is. Anything else ("unknown")
 * as it is.
 */
export function addressKey(address: string): string {
  if (isIPv4(address) || !isIPv6(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === "ipv4") return ip.toString();
  const [a = 0, b = 0, c = 0, d = 0] = (ip as ipaddr.IPv6).parts;
  return `${new ipaddr.IPv6([a, b, c, d, 0, 0, 0, 0]).toString()}/64`;
}
