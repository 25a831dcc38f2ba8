import { REQUEST_STATUSES, type ReviewRequestStatus } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import {
  Field,
  focusFirstInvalid,
  focusHeading,
  ListBody,
  Loading,
  Problem,
  problemText,
  refusedFields,
  Toasts,
  useSending,
} from "../components.tsx";
import { formatDateTime, isolate, LOCALES, type Locale, type MessageKey, t } from "../i18n.ts";
import { useAppliedForm, usePagedList } from "../paged-list.ts";
import { ProductName } from "../product-name.tsx";
import { go, route } from "../router.ts";
import { endedSession, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import { useStoreZone } from "../store-zone.tsx";
import type { RequestSettingsAnswer, ReviewRequest } from "../types.ts";
import { StopEmails } from "./stop-emails.tsx";

// Review requests (owner: scope requests:manage): the store's settings (GET|PUT
// /v1/admin/review-requests/settings). The server checks every value and answers what it refused
// by field, in the app's language; those answers show beside their field.

/** The form's fields, as typed. */
interface Typed {
  enabled: boolean;
  delayDays: string;
  reminderDays: string;
  maxPerAddressPer30Days: string;
  fromName: string;
  fromEmail: string;
  replyTo: string;
  notifyEmail: string;
  notifyLocale: Locale;
  photoIncentivePoints: string;
  /** The hosted review page's colors, `#rrggbb` or empty for the default. */
  accent: string;
  textColor: string;
  background: string;
}
type Name = Exclude<keyof Typed, "enabled"> | "enabled";
type Errors = Partial<Record<Name | "form", string>>;

/** The server's field paths (its 422 `fields`) and the form's fields they belong to. */
const FIELD_OF: Record<string, Name> = {
  enabled: "enabled",
  delayDays: "delayDays",
  reminderDays: "reminderDays",
  maxPerAddressPer30Days: "maxPerAddressPer30Days",
  from: "fromName",
  "from.name": "fromName",
  "from.email": "fromEmail",
  replyTo: "replyTo",
  notifyEmail: "notifyEmail",
  notifyLocale: "notifyLocale",
  photoIncentivePoints: "photoIncentivePoints",
  theme: "accent",
  "theme.accent": "accent",
  "theme.text": "textColor",
  "theme.background": "background",
};
const COLORS = ["accent", "textColor", "background"] as const;
const NUMBERS = ["delayDays", "reminderDays", "maxPerAddressPer30Days", "photoIncentivePoints"] as const;

const typedOf = (s: RequestSettingsAnswer): Typed => ({
  enabled: s.enabled,
  delayDays: String(s.delayDays),
  reminderDays: String(s.reminderDays),
  maxPerAddressPer30Days: String(s.maxPerAddressPer30Days),
  fromName: s.from?.name ?? "",
  fromEmail: s.from?.email ?? "",
  replyTo: s.replyTo ?? "",
  notifyEmail: s.notifyEmail ?? "",
  notifyLocale: s.notifyLocale,
  photoIncentivePoints: String(s.photoIncentivePoints),
  accent: s.theme.accent ?? "",
  textColor: s.theme.text ?? "",
  background: s.theme.background ?? "",
});

/** An optional field: empty is "not set". */
const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** A color as merchants copy it ("7A3E9D", "#abc") in the server's `#rrggbb`; anything else as typed. */
function asHexColor(value: string): string {
  const hex = value.trim().replace(/^#/, "").toLowerCase();
  if (/^[0-9a-f]{6}$/.test(hex)) return `#${hex}`;
  if (/^[0-9a-f]{3}$/.test(hex)) return `#${[...hex].map((c) => c + c).join("")}`;
  return value.trim();
}

/**
 * What was typed and not saved, kept outside the screen: a session that ends under it (a 401 on
 * save, or anywhere: expired, signed out elsewhere) takes the screen down for sign-in, and the same
 * user signed in again finds the form as they left it, saying it was not saved. Another user's
 * sign-in drops it.
 */
let kept: { userId: string; typed: Typed } | null = null;

export default function ReviewRequests() {
  return (
    <section aria-labelledby="requests-title" class="requests">
      <h1 id="requests-title">{t("requestsTitle")}</h1>
      <Settings />
      <StopEmails />
      <Requests />
    </section>
  );
}

function Settings() {
  const current = useSignal(session);
  const userId = current?.user.id ?? "";
  const [loaded, setLoaded] = useState<RequestSettingsAnswer | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [typed, setTyped] = useState<Typed | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [announce, setAnnounce] = useState("");
  const { busy, send } = useSending();
  // Changed since loaded or saved: kept if the session ends.
  const dirty = useRef(false);
  const latest = useRef<Typed | null>(null);
  latest.current = typed;

  const load = () => {
    setFailed(null);
    api<RequestSettingsAnswer>("/v1/admin/review-requests/settings").then(({ data }) => {
      setLoaded(data);
      if (kept && kept.userId === userId) {
        setTyped(kept.typed);
        dirty.current = true;
        setErrors({ form: t("requestSettingsKept") });
      } else setTyped(typedOf(data));
      kept = null;
    }, setFailed);
  };
  useEffect(load, []);
  // The session ending under the form (a 401 anywhere: expired, or signed out elsewhere) takes the
  // screen down for sign-in: what was typed is kept for that user the moment it ends. (A layout
  // effect: its cleanup runs as the screen goes, where a passive one's waits for the next paint.)
  useLayoutEffect(
    () =>
      session.subscribe(() => {
        if (!session.value && endedSession.value?.id === userId && dirty.current && latest.current)
          kept = { userId, typed: latest.current };
      }),
    [],
  );

  if (failed) return <Problem error={failed} onRetry={load} />;
  if (!loaded || !typed) return <Loading />;

  const set = (name: keyof Typed, value: string | boolean) => {
    dirty.current = true;
    setTyped({ ...typed, [name]: value });
  };

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy || !typed || !loaded) return;
    setAnnounce("");
    const found: Errors = {};
    const numbers: Partial<Record<(typeof NUMBERS)[number], number>> = {};
    for (const name of NUMBERS) {
      const value = typed[name].trim();
      if (/^\d{1,9}$/.test(value)) numbers[name] = Number(value);
      else found[name] = t("wholeNumber");
    }
    if (Object.keys(found).length > 0) return showErrors(found);
    const theme: Record<string, string> = {};
    for (const [name, key] of [
      ["accent", "accent"],
      ["textColor", "text"],
      ["background", "background"],
    ] as const) {
      const color = orNull(typed[name]);
      if (color) theme[key] = asHexColor(color);
    }
    // PUT replaces the settings: every field is sent (mailReady is the server's to say).
    const { mailReady: _, ...saved } = loaded;
    const body = {
      ...saved,
      ...numbers,
      enabled: typed.enabled,
      from: { name: typed.fromName.trim(), email: typed.fromEmail.trim() },
      replyTo: orNull(typed.replyTo),
      notifyEmail: orNull(typed.notifyEmail),
      notifyLocale: typed.notifyLocale,
      theme,
    };
    void send(async () => {
      try {
        const { data } = await api<RequestSettingsAnswer>("/v1/admin/review-requests/settings", {
          method: "PUT",
          body,
        });
        dirty.current = false;
        setLoaded(data);
        setTyped(typedOf(data));
        setErrors({});
        setAnnounce(t("requestSettingsSaved"));
      } catch (error) {
        const problem = problemOf(error);
        if (problem.fields) showErrors(refusedFields(problem.fields, (path) => FIELD_OF[path]));
        else setErrors({ form: problemText(error) });
      }
    });
  }

  function showErrors(found: Errors) {
    setErrors(found);
    focusFirstInvalid("form.request-settings");
  }

  const text = (
    name: Exclude<keyof Typed, "enabled" | "notifyLocale">,
    label: MessageKey,
    hint?: MessageKey,
  ) => (
    <Field label={t(label)} error={errors[name]} {...(hint ? { hint: t(hint) } : {})}>
      {(a) => (
        <input
          {...a}
          name={name}
          value={typed[name]}
          {...(NUMBERS.includes(name as (typeof NUMBERS)[number])
            ? { inputMode: "numeric" as const, class: "number" }
            : name === "fromName"
              ? { dir: "auto", autocomplete: "organization" }
              : COLORS.includes(name as (typeof COLORS)[number])
                ? {
                    dir: "ltr",
                    class: "color",
                    placeholder: "#rrggbb",
                    spellcheck: false,
                    autocomplete: "off",
                  }
                : { type: "email", autocomplete: "off" })}
          onInput={(e) => set(name, e.currentTarget.value)}
        />
      )}
    </Field>
  );

  return (
    <form class="card request-settings" onSubmit={submit} noValidate aria-labelledby="request-settings-title">
      <h2 id="request-settings-title">{t("requestSettings")}</h2>
      {errors.form && (
        <p class="notice error-notice" role="alert">
          {errors.form}
        </p>
      )}
      {!loaded.mailReady && <p class="notice">{t("requestMailNotReady")}</p>}
      <div class="field">
        <label class="check">
          <input
            type="checkbox"
            name="enabled"
            checked={typed.enabled}
            aria-invalid={Boolean(errors.enabled)}
            aria-describedby={
              errors.enabled ? "requests-enabled-hint requests-enabled-error" : "requests-enabled-hint"
            }
            onChange={(e) => set("enabled", e.currentTarget.checked)}
          />
          {t("requestsEnabled")}
        </label>
        <p class="hint" id="requests-enabled-hint">
          {t("requestsEnabledHint")}
        </p>
        {errors.enabled && (
          <p class="error" id="requests-enabled-error">
            {errors.enabled}
          </p>
        )}
      </div>
      <div class="settings-grid">
        {text("delayDays", "requestDelayDays", "requestDelayDaysHint")}
        {text("reminderDays", "requestReminderDays", "requestReminderDaysHint")}
        {text("maxPerAddressPer30Days", "requestMaxPerAddress")}
      </div>
      <fieldset class="settings-group">
        <legend>{t("requestSender")}</legend>
        {text("fromName", "requestFromName")}
        {text("fromEmail", "requestFromEmail")}
        {text("replyTo", "requestReplyTo", "requestReplyToHint")}
      </fieldset>
      <fieldset class="settings-group">
        <legend>{t("requestNotices")}</legend>
        {text("notifyEmail", "requestNotifyEmail", "requestNotifyEmailHint")}
        <Field label={t("requestNotifyLocale")} error={errors.notifyLocale}>
          {(a) => (
            <select
              {...a}
              name="notifyLocale"
              value={typed.notifyLocale}
              onChange={(e) => set("notifyLocale", e.currentTarget.value)}
            >
              {LOCALES.map((l) => (
                <option key={l.code} value={l.code} lang={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </fieldset>
      {text("photoIncentivePoints", "requestPhotoPoints", "requestPhotoPointsHint")}
      <fieldset class="settings-group">
        <legend>{t("requestPageColors")}</legend>
        <p class="hint">{t("requestPageColorsHint")}</p>
        <div class="settings-grid">
          {COLORS.map((name) => (
            <div key={name} class="color-field">
              {text(name, COLOR_LABELS[name])}
              <span
                class="swatch"
                aria-hidden="true"
                style={
                  /^#[0-9a-f]{6}$/.test(asHexColor(typed[name]))
                    ? { background: asHexColor(typed[name]) }
                    : {}
                }
              />
            </div>
          ))}
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" class="primary" aria-disabled={busy}>
          {t("requestSettingsSave")}
        </button>
      </div>
      <Toasts announce={announce} />
    </form>
  );
}

const COLOR_LABELS: Record<(typeof COLORS)[number], MessageKey> = {
  accent: "requestColorAccent",
  textColor: "requestColorText",
  background: "requestColorBackground",
};

const STATUS_NAMES: Record<ReviewRequestStatus, MessageKey> = {
  scheduled: "requestScheduled",
  sent: "requestSent",
  reviewed: "requestReviewed",
  failed: "requestFailed",
  suppressed: "requestSuppressed",
  canceled: "requestCanceled",
};
/** What the server lets "Send now" send, and "Cancel" cancel (admin-routes.ts). */
const SENDABLE: ReviewRequestStatus[] = ["scheduled", "failed"];
const CANCELABLE: ReviewRequestStatus[] = ["scheduled", "sent", "failed"];

/**
 * The requests, newest first (GET /v1/admin/review-requests?status=), 50 a page, with "Send now"
 * and "Cancel": each answer says what happened in the screen's live region and the row shows the
 * request as the server now has it.
 */
function Requests() {
  const where = useSignal(route);
  const timeZone = useStoreZone();
  const chosen = where.params.get("status") ?? "";
  const status = (REQUEST_STATUSES as readonly string[]).includes(chosen) ? chosen : "";
  const { items, setItems, cursor, failed, load } = usePagedList<ReviewRequest>(
    "/v1/admin/review-requests",
    status ? { status } : {},
  );
  const form = useAppliedForm(status);
  const [announce, setAnnounce] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  // The request whose button was pressed: a canceled one has no buttons left, and the focus would
  // drop to the page (the next Tab starting over at the top); it goes to that request's row, or to
  // the heading when the list read again has it no more.
  const refocus = useRef<string | null>(null);
  useLayoutEffect(() => {
    const id = refocus.current;
    if (id === null || busy) return;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) {
      refocus.current = null;
      return;
    }
    const row = [...document.querySelectorAll<HTMLElement>("tr[data-request-id]")].find(
      (tr) => tr.dataset.requestId === id,
    );
    const cell = row?.querySelector<HTMLElement>("th");
    if (!cell && items === null) return;
    refocus.current = null;
    if (!cell) return focusHeading();
    cell.tabIndex = -1;
    cell.focus();
  });

  function apply(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("status") ?? "");
    go("requests", value ? { status: value } : {});
  }

  async function act(request: ReviewRequest, action: "send" | "cancel") {
    if (busy) return;
    setBusy(request.id);
    refocus.current = request.id;
    setAnnounce("");
    const order = isolate(request.orderId);
    try {
      const { data } = await api<ReviewRequest>(
        `/v1/admin/review-requests/${encodeURIComponent(request.id)}/${action}`,
        { method: "POST", body: {} },
      );
      setItems((old) => (old ?? []).map((r) => (r.id === data.id ? data : r)));
      setAnnounce(t(action === "send" ? "requestSendQueued" : "requestCanceledDone", { order }));
    } catch (error) {
      const problem = problemOf(error);
      setAnnounce(
        problem.status === 404
          ? t("requestGone", { order })
          : problem.code === "conflict"
            ? t("requestChanged", { order })
            : problemText(error),
      );
      // Gone or changed meanwhile: the list as the server has it now.
      if (problem.status === 404 || problem.code === "conflict") void load();
    } finally {
      setBusy(null);
    }
  }

  return (
    <section class="requests-list" aria-labelledby="requests-list-title">
      <h2 id="requests-list-title">{t("requestList")}</h2>
      <form ref={form} class="filters" onSubmit={apply}>
        <label>
          <span>{t("status")}</span>
          <select name="status" defaultValue={status} data-applied={status}>
            <option value="">{t("requestAllStatuses")}</option>
            {REQUEST_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_NAMES[s])}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t("applyFilters")}</button>
      </form>
      <Toasts announce={announce} />
      <ListBody items={items} failed={failed} load={load} cursor={cursor} empty={t("requestsEmpty")}>
        {(rows) => (
          <div class="table-scroll">
            <table class="request-list">
              <thead>
                <tr>
                  <th scope="col">{t("requestOrder")}</th>
                  <th scope="col">{t("requestProducts")}</th>
                  <th scope="col">{t("email")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col">{t("requestWhen")}</th>
                  <th scope="col">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-item data-request-id={r.id}>
                    <th scope="row">{r.orderId}</th>
                    <td>
                      {/* What the shopper is asked to review: the order's products, by name. */}
                      <ul class="request-products">
                        {r.products.map((product) => (
                          <li key={product.id}>
                            <ProductName product={product} />
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>{r.email ?? <span class="quiet-text">{t("requestEmailErased")}</span>}</td>
                    <td>
                      {t(STATUS_NAMES[r.status])}
                      {r.attempts > 1 && (
                        <div class="quiet-text">{t("requestAttempts", { n: r.attempts })}</div>
                      )}
                      {r.lastError && (
                        <div class="quiet-text" dir="auto">
                          {r.lastError}
                        </div>
                      )}
                    </td>
                    <td>
                      <RequestTimes request={r} timeZone={timeZone} />
                    </td>
                    <td>
                      <RequestActions
                        request={r}
                        busy={busy === r.id}
                        onAct={(action) => void act(r, action)}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </ListBody>
    </section>
  );
}

/** "Send now" while the server would send it, "Cancel request" while there is something to cancel. */
function RequestActions(props: {
  request: ReviewRequest;
  busy: boolean;
  onAct(action: "send" | "cancel"): void;
}) {
  const { status, orderId } = props.request;
  const order = isolate(orderId);
  return (
    <div class="actions">
      {SENDABLE.includes(status) && (
        <button
          type="button"
          aria-disabled={props.busy}
          aria-label={t("requestSendOf", { order })}
          onClick={() => props.onAct("send")}
        >
          {t("requestSendNow")}
        </button>
      )}
      {CANCELABLE.includes(status) && (
        <button
          type="button"
          class="danger"
          aria-disabled={props.busy}
          aria-label={t("requestCancelOf", { order })}
          onClick={() => props.onAct("cancel")}
        >
          {t("requestCancel")}
        </button>
      )}
    </div>
  );
}

/** When it is due, was sent, reminded, clicked and reviewed: the steps it has reached. */
function RequestTimes(props: { request: ReviewRequest; timeZone: string }) {
  const r = props.request;
  const steps: [MessageKey, string | undefined][] = [
    ["requestDue", r.sentAt ? undefined : r.scheduledFor],
    ["requestSentAt", r.sentAt],
    ["requestRemindedAt", r.reminderSentAt],
    ["requestClickedAt", r.clickedAt],
    ["requestReviewedAt", r.reviewedAt],
  ];
  return (
    <ul class="request-times">
      {steps.map(([key, at]) =>
        at ? (
          <li key={key}>
            {t(key)} <time dateTime={at}>{formatDateTime(at, props.timeZone)}</time>
          </li>
        ) : null,
      )}
    </ul>
  );
}
