import { grants, type Scope } from "@plaudit/contract";
import { api, useCsrfToken, whenRoleRefused, whenSignedOut } from "./api.ts";
import { signal } from "./signal.ts";
import type { AdminSession } from "./types.ts";

/** Who is signed in: undefined while asking the server, null when nobody. */
export const session = signal<AdminSession | null | undefined>(undefined);

export async function loadSession(): Promise<void> {
  try {
    const { data } = await api<AdminSession | null>("/v1/admin/session");
    if (data) useCsrfToken(data.csrfToken);
    session.value = data;
  } catch {
    session.value = null;
  }
}

/**
 * The session read again while signed in: the role (and so the scopes) may have changed under
 * it. Only a session that changed replaces the one shown (screens keep their state); a request
 * that fails leaves it as it was (a 401 signs out on its own).
 */
export async function refreshSession(): Promise<void> {
  try {
    const { data } = await api<AdminSession | null>("/v1/admin/session");
    if (!data || !session.value) return;
    if (JSON.stringify(data) !== JSON.stringify(session.value)) {
      useCsrfToken(data.csrfToken);
      session.value = data;
    }
  } catch {
    // Kept as it was.
  }
}
whenRoleRefused(() => void refreshSession());

/**
 * The user of a session that ended under them (a 401 mid-work: expired, or signed out elsewhere):
 * sign-in says so, and a screen can keep what was not saved for that same user's next sign-in.
 */
export const endedSession = signal<AdminSession["user"] | null>(null);

whenSignedOut(() => {
  if (session.value) endedSession.value = session.value.user;
  session.value = null;
});

/** What the signed-in user may do: the role's scopes (`*` is everything). */
export function can(current: AdminSession | null | undefined, scope: Scope): boolean {
  return Boolean(current && grants(current.scopes, scope));
}
