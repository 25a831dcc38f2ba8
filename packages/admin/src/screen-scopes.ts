import type { Scope } from "@plaudit/contract";

// The scope each screen needs to open, in one place: the app's menu and routes read it, and a
// screen that links to another shows the link only to whom it opens for.
export const SCREEN_SCOPES = {
  queue: "reviews:read",
  overview: "reviews:read",
  media: "reviews:read",
  customers: "customers:read",
  privacy: "customers:read",
  audit: "audit:read",
  requests: "requests:manage",
  program: "loyalty:write",
  users: "keys:manage",
} as const satisfies Record<string, Scope>;
