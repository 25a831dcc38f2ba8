import type { Grant } from "./scopes.ts";

/**
 * Who is making an admin request: an admin key (`keyId`) or a signed-in admin-app user
 * (`userId`), with what they may do. Audit rows record `keyId` / `userId` as API.md shows.
 */
export type Actor =
  | { readonly keyId: string; readonly scopes: readonly Grant[] }
  | { readonly userId: string; readonly scopes: readonly Grant[] };

/** The actor as an audit row names it: `{ keyId }` or `{ userId }`. */
export function actorRef(actor: Actor): { keyId: string } | { userId: string } {
  return "keyId" in actor ? { keyId: actor.keyId } : { userId: actor.userId };
}
