import type { Context, MiddlewareHandler } from "hono";
import { contextStorage, getContext } from "hono/context-storage";
import type { AppEnv } from "../context.ts";

// Media URLs must be absolute: reviews are shown on the shop's own domain (script tag, snippet
// include, server rendering), where a root-relative `/media/…` would point at the shop. The origin
// shoppers reach this server by is only known per request, so it is kept for the request's duration.

/** This request's public origin: the Host it was sent to, or the proxy's X-Forwarded-* when trusted. */
export function publicOriginOf(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const proto = c.req.header("x-forwarded-proto")?.split(",")[0]?.trim();
  const host = c.req.header("x-forwarded-host")?.split(",")[0]?.trim();
  const scheme = proto && /^https?$/.test(proto) ? proto : url.protocol.slice(0, -1);
  return `${scheme}://${host && /^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) ? host : url.host}`;
}

/** Keeps each request's public origin where code without the Hono context can read it. */
export function publicOrigin(trustProxy: boolean): MiddlewareHandler<AppEnv>[] {
  return [
    contextStorage(),
    async (c, next) => {
      c.set("publicOrigin", publicOriginOf(c, trustProxy));
      await next();
    },
  ];
}

/** The current request's public origin, or "" outside a request (CLI, tests calling code directly). */
export function currentPublicOrigin(): string {
  try {
    return getContext<AppEnv>().var.publicOrigin ?? "";
  } catch {
    return "";
  }
}
