import type { Scope } from "@plaudit/contract";
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { ApiFailure, api } from "./api.ts";
import { Loading, Problem } from "./components.tsx";
import { sendAllWaiting } from "./grace.ts";
import { LOCALES, type Locale, locale, setLocale, t } from "./i18n.ts";
import { go, href, route } from "./router.ts";
import { SCREEN_SCOPES } from "./screen-scopes.ts";
import { can, loadSession, session } from "./session.ts";
import { useSignal } from "./signal.ts";
import type { AdminSession } from "./types.ts";

/** A screen loaded as its own chunk the first time it is shown. */
function lazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<{ default: ComponentType<P> }> | undefined;
  return function LazyScreen(props: P) {
    const [Component, setComponent] = useState<ComponentType<P> | undefined>(() => loaded);
    const [failed, setFailed] = useState<unknown>(null);
    useEffect(() => {
      if (Component) return;
      loading ??= load();
      loading.then(
        (module) => {
          loaded = module.default;
          setComponent(() => module.default);
        },
        (error: unknown) => {
          loading = undefined;
          setFailed(new ApiFailure({ status: 0, code: "network", message: String(error) }));
        },
      );
    }, [Component]);
    if (failed) return <Problem error={failed} />;
    return Component ? <Component {...props} /> : <Loading />;
  };
}

// Every route is its own chunk, loaded when first opened.
const screens: Record<string, { load: ComponentType<object>; scope: Scope; title: () => string }> = {
  queue: {
    load: lazy(() => import("./screens/queue.tsx")),
    scope: SCREEN_SCOPES.queue,
    title: () => t("queueTitle"),
  },
  overview: {
    load: lazy(() => import("./screens/overview.tsx")),
    scope: SCREEN_SCOPES.overview,
    title: () => t("overviewTitle"),
  },
  media: {
    load: lazy(() => import("./screens/media.tsx")),
    scope: SCREEN_SCOPES.media,
    title: () => t("mediaTitle"),
  },
  customers: {
    load: lazy(() => import("./screens/customers.tsx")),
    scope: SCREEN_SCOPES.customers,
    title: () => t("customersTitle"),
  },
  privacy: {
    load: lazy(() => import("./screens/privacy.tsx")),
    scope: SCREEN_SCOPES.privacy,
    title: () => t("privacyTitle"),
  },
  audit: {
    load: lazy(() => import("./screens/audit.tsx")),
    scope: SCREEN_SCOPES.audit,
    title: () => t("auditTitle"),
  },
  requests: {
    load: lazy(() => import("./screens/requests.tsx")),
    scope: SCREEN_SCOPES.requests,
    title: () => t("requestsTitle"),
  },
  program: {
    load: lazy(() => import("./screens/program.tsx")),
    scope: SCREEN_SCOPES.program,
    title: () => t("programTitle"),
  },
  users: {
    load: lazy(() => import("./screens/users.tsx")),
    scope: SCREEN_SCOPES.users,
    title: () => t("usersTitle"),
  },
};
const NAV = [
  { name: "queue", label: () => t("navQueue") },
  { name: "media", label: () => t("navMedia") },
  { name: "overview", label: () => t("navOverview") },
  { name: "customers", label: () => t("navCustomers") },
  { name: "privacy", label: () => t("navPrivacy") },
  { name: "requests", label: () => t("navRequests") },
  { name: "program", label: () => t("navProgram") },
  { name: "audit", label: () => t("navAudit") },
  { name: "users", label: () => t("navUsers") },
];
const SignIn = lazy(() => import("./screens/sign-in.tsx"));

/** Whether the signed-in user's role may open the screen of that name. */
function opens(current: AdminSession, name: string): boolean {
  const screen = screens[name];
  return screen !== undefined && can(current, screen.scope);
}

/** The first screen a role can open. */
function homeOf(current: AdminSession): string {
  return NAV.find((n) => opens(current, n.name))?.name ?? "queue";
}

function LanguagePicker() {
  const current = useSignal(locale);
  return (
    <label class="language">
      <span>{t("language")}</span>
      <select value={current} onChange={(e) => void setLocale(e.currentTarget.value as Locale)}>
        {LOCALES.map((l) => (
          <option key={l.code} value={l.code} lang={l.code}>
            {l.name}
          </option>
        ))}
      </select>
    </label>
  );
}

async function signOut(everywhere: boolean) {
  // What waits in its grace period is sent while the session still lets it through.
  await sendAllWaiting();
  await api(everywhere ? "/v1/admin/sessions" : "/v1/admin/session", { method: "DELETE" }).catch(() => {});
  session.value = null;
  go("sign-in");
}

export function App() {
  const current = useSignal(session);
  const where = useSignal(route);
  useSignal(locale);
  const [failed, setFailed] = useState<unknown>(null);
  useEffect(() => {
    loadSession().catch(setFailed);
  }, []);

  const screen = screens[where.name];
  useEffect(() => {
    document.title = `${screen?.title() ?? t("signInTitle")} · ${t("appName")}`;
  });
  useEffect(() => {
    if (current && (!screen || where.name === "sign-in")) go(homeOf(current));
  }, [current, where.name]);

  if (failed) return <Problem error={failed} />;
  if (current === undefined) return <Loading />;

  if (!current || where.name === "set-password" || where.name === "sign-in") {
    return (
      <div class="auth-page">
        <header class="auth-head">
          <p class="brand">{t("appName")}</p>
          <LanguagePicker />
        </header>
        <main id="main">
          <SignIn mode={where.name === "set-password" ? "set-password" : "sign-in"} />
        </main>
      </div>
    );
  }

  const Screen = screen?.load;
  const allowed = screen && can(current, screen.scope);
  return (
    <div class="shell">
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        {t("skipToContent")}
      </button>
      <header class="top">
        <p class="brand">{t("appName")}</p>
        <nav aria-label={t("appName")}>
          <ul>
            {NAV.filter((n) => opens(current, n.name)).map((n) => (
              <li key={n.name}>
                <a href={href(n.name)} aria-current={where.name === n.name ? "page" : undefined}>
                  {n.label()}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <p class="who">
            {t("signedInAs", {
              email: current.user.email,
              role: t(
                current.user.role === "owner"
                  ? "roleOwner"
                  : current.user.role === "moderator"
                    ? "roleModerator"
                    : "roleSupport",
              ),
            })}
          </p>
          <LanguagePicker />
          <button type="button" class="quiet" onClick={() => void signOut(false)}>
            {t("signOut")}
          </button>
          <button type="button" class="quiet" onClick={() => void signOut(true)}>
            {t("signOutEverywhere")}
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {Screen && allowed ? (
          <Screen />
        ) : (
          <Problem error={new ApiFailure({ status: 403, code: "insufficient_scope", message: "" })} />
        )}
      </main>
    </div>
  );
}
