import { LIMITS } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, Field, focusHeading, ListBody, problemText, Toasts, useSending } from "../components.tsx";
import { formatDateTime, type MessageKey, t } from "../i18n.ts";
import { endedSession, refreshSession, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import type { AdminUser } from "../types.ts";

// The store's users (owner): invite with a role, change a role, send a new set-password link,
// sign someone out everywhere, remove. Only the admin API's user routes; every write audited there.

type Role = AdminUser["role"];
const ROLES: [Role, MessageKey][] = [
  ["owner", "roleOwner"],
  ["moderator", "roleModerator"],
  ["support", "roleSupport"],
];
const roleName = (role: Role) => t(ROLES.find(([r]) => r === role)?.[1] ?? "roleSupport");
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;

interface Link {
  email: string;
  inviteUrl: string;
  expiresAt: string;
}

export default function Users() {
  const current = useSignal(session);
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [link, setLink] = useState<Link | null>(null);
  const [announce, setAnnounce] = useState("");
  const [rowError, setRowError] = useState<{ id: string; text: string } | null>(null);
  const [removing, setRemoving] = useState<AdminUser | null>(null);
  // A removed user's row, and the Remove button its dialog gave the focus back to, are gone: the
  // focus goes to the heading once both are (after the render that took them, whatever the order).
  const headingNext = useRef(false);
  useLayoutEffect(() => {
    if (!headingNext.current || removing) return;
    headingNext.current = false;
    focusHeading();
  });

  async function load() {
    setFailed(null);
    try {
      setUsers((await api<{ items: AdminUser[] }>("/v1/admin/users")).data.items);
    } catch (error) {
      setFailed(error);
    }
  }
  useEffect(() => void load(), []);

  /** Runs one write for a user's row; its problem shows in that row. */
  async function act(user: AdminUser, work: () => Promise<string>) {
    setRowError(null);
    try {
      setAnnounce(await work());
    } catch (error) {
      const problem = problemOf(error);
      // Removed meanwhile (another owner, another tab): its row goes, and the focus with it to
      // the heading, instead of an error under a user who is no longer there.
      if (problem.status === 404) {
        setUsers((old) => (old ?? []).filter((u) => u.id !== user.id));
        headingNext.current = true;
        setAnnounce(t("userGone", { email: user.email }));
        return;
      }
      setRowError({
        id: user.id,
        text: problem.code === "conflict" ? t("lastOwner") : problemText(error),
      });
    }
  }

  const changeRole = (user: AdminUser, role: Role) =>
    act(user, async () => {
      const { data } = await api<AdminUser>(`/v1/admin/users/${encodeURIComponent(user.id)}`, {
        method: "PATCH",
        body: { role },
      });
      setUsers((old) => (old ?? []).map((u) => (u.id === data.id ? data : u)));
      // Their own role given away: the app follows it at once (its menu, what it lets them open).
      if (data.id === session.value?.user.id) await refreshSession();
      return t("roleSaved", { email: data.email, role: roleName(data.role) });
    });
  const newLink = (user: AdminUser) =>
    act(user, async () => {
      const { data } = await api<Omit<Link, "email">>(
        `/v1/admin/users/${encodeURIComponent(user.id)}/invite`,
        { method: "POST", body: {} },
      );
      setLink({ email: user.email, ...data });
      return "";
    });
  const signOutUser = (user: AdminUser) =>
    act(user, async () => {
      await api(`/v1/admin/users/${encodeURIComponent(user.id)}/sessions`, { method: "DELETE" });
      return t("signedOutUser", { email: user.email });
    });
  const remove = (user: AdminUser) =>
    act(user, async () => {
      setRemoving(null);
      await api(`/v1/admin/users/${encodeURIComponent(user.id)}`, { method: "DELETE" });
      setUsers((old) => (old ?? []).filter((u) => u.id !== user.id));
      headingNext.current = true;
      return t("removed", { email: user.email });
    });

  return (
    <section aria-labelledby="users-title" class="users">
      <h1 id="users-title">{t("usersTitle")}</h1>
      <InviteForm
        onInvited={(user, invite) => {
          setUsers((old) => [...(old ?? []), user].sort((a, b) => a.email.localeCompare(b.email)));
          setLink({ email: user.email, ...invite });
        }}
      />
      <Toasts announce={announce} />
      <ListBody items={users} failed={failed} load={load} empty={t("usersEmpty")}>
        {(users) => (
          <div class="table-scroll">
            <table class="user-list">
              <thead>
                <tr>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("role")}</th>
                  <th scope="col">{t("userState")}</th>
                  <th scope="col">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {users.map((user) => (
                  <tr key={user.id} data-user-id={user.id}>
                    <th scope="row">
                      {user.email}{" "}
                      {user.id === current?.user.id && <span class="quiet-text">{t("you")}</span>}
                    </th>
                    <td>
                      <select
                        aria-label={t("roleOf", { email: user.email })}
                        value={user.role}
                        onChange={(e) => void changeRole(user, e.currentTarget.value as Role)}
                      >
                        {ROLES.map(([role, key]) => (
                          <option key={role} value={role}>
                            {t(key)}
                          </option>
                        ))}
                      </select>
                      {rowError?.id === user.id && (
                        <p class="error" role="alert">
                          {rowError.text}
                        </p>
                      )}
                    </td>
                    <td>{t(user.active ? "userActive" : "userInvited")}</td>
                    <td>
                      <div class="actions">
                        <button type="button" onClick={() => void newLink(user)}>
                          {t("newLink")}
                        </button>
                        <button type="button" onClick={() => void signOutUser(user)}>
                          {t("signOutUser")}
                        </button>
                        <button type="button" class="danger" onClick={() => setRemoving(user)}>
                          {t("remove")}
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListBody>
      {link && <LinkDialog link={link} onClose={() => setLink(null)} />}
      {removing && (
        <Dialog title={t("removeTitle", { email: removing.email })} onClose={() => setRemoving(null)}>
          <p>{t("removeText")}</p>
          <div class="actions">
            <button type="button" class="danger" onClick={() => void remove(removing)}>
              {t("remove")}
            </button>
            <button type="button" onClick={() => setRemoving(null)}>
              {t("cancel")}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/**
 * An invite the session ended under (401: expired, or signed out elsewhere; the screen is taken
 * down for sign-in): the same user signed in again finds the address and role as they left them.
 */
let keptInvite: { userId: string; email: string; role: Role } | null = null;

/** Invite by address and role; problems beside their field, checked here first. */
function InviteForm(props: { onInvited(user: AdminUser, link: Omit<Link, "email">): void }) {
  const [kept] = useState(() => {
    const mine = keptInvite?.userId === session.value?.user.id ? keptInvite : null;
    keptInvite = null;
    return mine;
  });
  const [errors, setErrors] = useState<{ email?: string; role?: string; form?: string }>({});
  const emailRef = useRef<HTMLInputElement>(null);
  const roleRef = useRef<HTMLSelectElement>(null);
  useLayoutEffect(() => {
    if (kept && roleRef.current) roleRef.current.value = kept.role;
  }, []);
  // One invite at a time: a double click (or Enter pressed twice) before the answer sent a second
  // POST, whose 409 then said "already has an account" under the link the first one made.
  const { busy, send } = useSending();
  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const form = e.currentTarget;
    const data = new FormData(form);
    const email = String(data.get("email") ?? "").trim();
    const role = String(data.get("role") ?? "") as Role;
    if (!EMAIL.test(email) || email.length > LIMITS.emailMax) {
      setErrors({ email: t("emailInvalid") });
      emailRef.current?.focus();
      return;
    }
    void send(() => invite(form, email, role));
  }
  async function invite(form: HTMLFormElement, email: string, role: Role) {
    try {
      const { data: created } = await api<{ user: AdminUser } & Omit<Link, "email">>("/v1/admin/users", {
        method: "POST",
        body: { email, role },
      });
      setErrors({});
      form.reset();
      props.onInvited(created.user, { inviteUrl: created.inviteUrl, expiresAt: created.expiresAt });
    } catch (error) {
      const problem = problemOf(error);
      const user = endedSession.value;
      if (problem.status === 401 && user) keptInvite = { userId: user.id, email, role };
      if (problem.code === "conflict") setErrors({ email: t("emailTaken") });
      else if (problem.fields?.email) setErrors({ email: t("emailInvalid") });
      else setErrors({ form: problemText(error) });
      emailRef.current?.focus();
    }
  }
  return (
    <form class="card invite" onSubmit={submit} noValidate aria-labelledby="invite-title">
      <h2 id="invite-title">{t("inviteTitle")}</h2>
      <Field label={t("email")} error={errors.email}>
        {(a) => (
          <input
            {...a}
            ref={emailRef}
            name="email"
            type="email"
            defaultValue={kept?.email ?? ""}
            autocomplete="off"
            maxLength={LIMITS.emailMax}
            onInput={() => setErrors({})}
          />
        )}
      </Field>
      <Field label={t("role")}>
        {(a) => (
          <select {...a} ref={roleRef} name="role">
            {ROLES.map(([role, key]) => (
              <option key={role} value={role} selected={role === (kept?.role ?? "moderator")}>
                {t(key)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      <button type="submit" class="primary" aria-disabled={busy}>
        {t("invite")}
      </button>
    </form>
  );
}

/** The one-time link, shown once: read-only text to copy. */
function LinkDialog(props: { link: Link; onClose(): void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Dialog title={t("inviteLinkTitle", { email: props.link.email })} onClose={props.onClose}>
      <p class="hint">{t("inviteLinkHint", { date: formatDateTime(props.link.expiresAt) })}</p>
      <Field label={t("inviteLink")}>
        {(a) => (
          <input
            {...a}
            readOnly
            class="invite-link"
            value={props.link.inviteUrl}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </Field>
      <div class="actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            void navigator.clipboard?.writeText(props.link.inviteUrl).then(
              () => setCopied(true),
              () => {},
            )
          }
        >
          {t("copyLink")}
        </button>
        <span role="status">{copied ? t("copied") : ""}</span>
      </div>
    </Dialog>
  );
}
