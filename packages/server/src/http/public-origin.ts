import type { Context } from "hono";

// Media URLs must be absolute: reviews are shown on the shop's own domain (script tag, snippet
// include, server rendering), where a root-relative `/media/…` would point at the shop. Routes that
// build media URLs pass the origin down explicitly. (It once rode in an AsyncLocalStorage; in
// Node 20 that turns on async hooks for every promise in the process.)
//
// The origin is PLAUDIT_PUBLIC_URL when set — what production should do — else the Host the request
// was sent to. X-Forwarded-Host and X-Forwarded-Proto are never read: a client could send them,
// and answers carrying these URLs are cached publicly.

/** The origin (and path prefix) this server's links and media URLs start with. */
export function publicOriginOf(c: Context, ctx: { publicUrl?: string | undefined }): string {
  return ctx.publicUrl ?? new URL(c.req.url).origin;
}
