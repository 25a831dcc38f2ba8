/**
 * What an admin key or a signed-in admin user may do (shared/API.md, "Production, stores and
 * keys"). A route names the one scope it needs (http/require-scope.ts); `*` holds every scope.
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
} as const satisfies Record<string, readonly Grant[]>;

export type Role = keyof typeof ROLE_SCOPES;

export function isGrant(value: string): value is Grant {
  return value === "*" || (SCOPES as readonly string[]).includes(value);
}

export function grants(held: readonly Grant[], needed: Scope): boolean {
  return held.includes("*") || held.includes(needed);
}
