import type { TargetedEvent } from "preact";
import { useState } from "preact/hooks";
import { api, problemOf, useCsrfToken } from "../api.ts";
import { Field, problemText, useSending } from "../components.tsx";
import { t } from "../i18n.ts";
import { go, route } from "../router.ts";
import { endedSession, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import type { AdminSession } from "../types.ts";

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;
type Errors = Partial<Record<"store" | "email" | "password" | "form", string>>;

/** Sign-in, and "choose your password" from an invite link (#/set-password?store&email&token). */
export default function SignIn(props: { mode: "sign-in" | "set-password" }) {
  const params = route.value.params;
  const [store, setStore] = useState(
    params.get("store") ?? localStorage.getItem("plaudit-admin-store") ?? "",
  );
  // A session that ended mid-work: its user's address is filled in (only the password is asked).
  const [email, setEmail] = useState(params.get("email") ?? endedSession.value?.email ?? "");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [notice, setNotice] = useState("");
  const { busy, send } = useSending();
  const setting = props.mode === "set-password";
  const ended = useSignal(endedSession);

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const found: Errors = {};
    if (!store.trim()) found.store = t("required");
    if (!email.trim()) found.email = t("required");
    if (!password) found.password = t("required");
    else if (setting && [...password].length < PASSWORD_MIN) found.password = t("passwordTooShort");
    else if (setting && [...password].length > PASSWORD_MAX) found.password = t("passwordTooLong");
    setErrors(found);
    if (Object.keys(found).length > 0) {
      focusFirstError();
      return;
    }
    void send(signIn);
  }

  async function signIn() {
    try {
      if (setting) {
        await api("/v1/admin/password", {
          method: "POST",
          body: { token: params.get("token") ?? "", password },
        });
        setPassword("");
        setNotice(t("passwordSaved"));
        go("sign-in", { store, email });
        return;
      }
      const { data } = await api<AdminSession>("/v1/admin/session", {
        method: "POST",
        body: { store: store.trim(), email: email.trim(), password },
      });
      localStorage.setItem("plaudit-admin-store", store.trim());
      useCsrfToken(data.csrfToken);
      session.value = data;
      endedSession.value = null;
    } catch (error) {
      const problem = problemOf(error);
      const message =
        problem.code === "locked"
          ? // As long as the lock has left (Retry-After), not always the whole 15 minutes.
            t("locked", { minutes: Math.max(1, Math.ceil((problem.retryAfter ?? 15 * 60) / 60)) })
          : problem.code === "invalid_credentials"
            ? t("badCredentials")
            : problem.code === "invite_invalid"
              ? t("inviteInvalid")
              : problemText(error);
      setErrors(problem.fields?.password ? { password: problem.fields.password } : { form: message });
    }
  }

  return (
    <form class="card auth" onSubmit={submit} noValidate>
      <h1>{setting ? t("setPasswordTitle") : t("signInTitle")}</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      {ended && !setting && !errors.form && (
        <p class="notice" role="alert">
          {t("sessionEnded")}
        </p>
      )}
      {errors.form && (
        <p class="notice error-notice" role="alert">
          {errors.form}
        </p>
      )}
      <Field label={t("store")} error={errors.store}>
        {(a) => (
          <input
            {...a}
            name="store"
            autocomplete="organization"
            value={store}
            readOnly={setting}
            onInput={(e) => setStore(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t("email")} error={errors.email}>
        {(a) => (
          <input
            {...a}
            name="email"
            type="email"
            autocomplete="username"
            value={email}
            readOnly={setting}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label={setting ? t("newPassword") : t("password")}
        error={errors.password}
        {...(setting ? { hint: t("passwordHint") } : {})}
      >
        {(a) => (
          <input
            {...a}
            name="password"
            type="password"
            autocomplete={setting ? "new-password" : "current-password"}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        )}
      </Field>
      <button type="submit" class="primary" aria-disabled={busy}>
        {busy ? t("signingIn") : setting ? t("savePassword") : t("signIn")}
      </button>
    </form>
  );
}

function focusFirstError() {
  requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
}
