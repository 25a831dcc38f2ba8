import { ROLE_SCOPES } from "@plaudit/contract";
import type { AdminSession } from "../src/types.ts";

// What the admin app's screen tests share: a signed-in session as GET /v1/admin/session answers
// it — user u1 of the demo store, with the scopes the server grants its role.

type Role = AdminSession["user"]["role"];

const EMAILS: Record<Role, string> = {
  owner: "owner@demo.example",
  moderator: "mo@demo.example",
  support: "help@demo.example",
};

/** The session of user u1 signed in as `role` to the demo store (its days counted in `timeZone`). */
export function sessionAs(role: Role, timeZone = "UTC"): AdminSession {
  return {
    user: { id: "u1", email: EMAILS[role], role },
    store: { id: "demo", name: "Demo", timeZone },
    scopes: [...ROLE_SCOPES[role]],
    csrfToken: "t",
    expiresAt: "2026-12-07T00:00:00.000Z",
  };
}
