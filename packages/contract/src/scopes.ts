import type { AdminRole } from "./admin-users.ts";

/**
 * What an admin key or a signed-in admin user may do (shared/API.md, "Production, stores and
 * keys"). A server route names the one scope it needs; `*` holds every scope. Here, in the
 * contract, because the admin app shows or hides its screens by the same names the server checks.
 */
export const SCOPES = [
  "reviews:read",
  "reviews:moderate",
  "orders:write",
  "catalog:write",
  "loyalty:read",
  "loyalty:write",
  "loyalty:adjust",
  "customers:read",
  "customers:erase",
  "requests:manage",
  "webhooks:manage",
  "keys:manage",
  "audit:read",
] as const;

export type Scope = (typeof SCOPES)[number];

/** A key's or a role's grant: named scopes, or `*` for all of them. */
export type Grant = Scope | "*";

/** The admin app's roles, as scopes (API.md, "Merchant admin"). */
export const ROLE_SCOPES = {
  owner: ["*"],
  moderator: ["reviews:read", "reviews:moderate"],
  support: ["customers:read", "customers:erase", "loyalty:read", "loyalty:adjust"],
} as const satisfies Record<AdminRole, readonly Grant[]>;

export function isGrant(value: string): value is Grant {
  return value === "*" || (SCOPES as readonly string[]).includes(value);
}

/** Whether what is `held` includes `needed` (`*` includes everything). */
export function grants(held: readonly string[], needed: Scope): boolean {
  return held.includes("*") || held.includes(needed);
}
