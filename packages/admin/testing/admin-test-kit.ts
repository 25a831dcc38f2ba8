import { ROLE_SCOPES } from "@plaudit/contract";
import { vi } from "vitest";
import type { AdminSession } from "../src/types.ts";

// What the admin app's screen tests share: a signed-in session as GET /v1/admin/session answers
// it — user u1 of the demo store, with the scopes the server grants its role — and the API as a
// screen's routes answer it (fetch stubbed: the network is the boundary of the app under test).

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

/**
 * The app's fetch answered by `answer`; every call is recorded as "METHOD url body" (the body's
 * JSON, when there is one). `vi.unstubAllGlobals()` in the file's afterEach takes it back.
 */
export function fakeApi(answer: (method: string, url: string, body: unknown) => Response): string[] {
  const calls: string[] = [];
  vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push(`${method} ${url}${body ? ` ${JSON.stringify(body)}` : ""}`);
    return answer(method, url, body);
  });
  return calls;
}
