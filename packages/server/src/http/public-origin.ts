import type { Context } from "hono";

// Media URLs must be absolute: reviews are shown on the shop's own domain (script tag, snippet
// include, server rendering), where a root-relative `/media/…` would point at the shop. The origin
// shoppers reach this server by is only known per request, so routes that build media URLs pass it
// down explicitly. (It once rode in an AsyncLocalStorage; in Node 20 that turns on async hooks for
// every promise in the process, a tax on every request, including the ones that need no origin.)

/** This request's public origin: the Host it was sent to, or the proxy's X-Forwarded-* when trusted. */
export function publicOriginOf(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
  const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
  const scheme = proto && /^https?$/.test(proto) ? proto : url.protocol.slice(0, -1);
  return `${scheme}://${host && /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) ? host : url.host}`;
}
