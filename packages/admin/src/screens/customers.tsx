import { ADJUSTMENT_LIMITS, EMAIL_MAX } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, Field, Loading, Problem, problemText, Toasts, useSending } from "../components.tsx";
import { formatDateTime, formatNumber, isolate, t } from "../i18n.ts";
import { useAppliedForm } from "../paged-list.ts";
import { go, href, route } from "../router.ts";
import { SCREEN_SCOPES } from "../screen-scopes.ts";
import { can, session } from "../session.ts";
import { signal, useSignal } from "../signal.ts";
import { useStoreZone } from "../store-zone.tsx";
import type { CustomerDetail, CustomerMatches } from "../types.ts";

/**
 * Points to add or remove as typed: "500", "+500" (as the points history writes it), "-50" or
 * "−50" (the minus sign the messages show); undefined for anything else.
 */
export function parseDelta(typed: string): number | undefined {
  const match = /^([+\-−]?)(\d+)$/.exec(typed.trim());
  if (!match) return undefined;
  const n = Number(match[2]) * (match[1] === "-" || match[1] === "−" ? -1 : 1);
  return Number.isSafeInteger(n) ? n : undefined;
}

/**
 * The adjustment being typed, kept outside its dialog. A session that ends under it (a 401 on
 * save: expired, or signed out elsewhere) takes the screen down for sign-in; the same user signed
 * in again finds the dialog open as they left it (same Idempotency-Key, so it can never count
 * twice), saying it was not saved. Another user's sign-in drops it.
 */
interface AdjustDraft {
  userId: string;
  customerId: string;
  key: string;
  delta: string;
  reason: string;
  /** The session ended before it was saved. */
  interrupted: boolean;
}
let kept: AdjustDraft | null = null;

/**
 * The search applied, kept in memory and never in the URL: it may be a shopper's email address,
 * and the fragment stays in the browser's history, in shared links and in screenshots (privacy.tsx
 * keeps its address out for the same reason). Only a customer's id goes in the URL, as the
 * privacy link does. Back from a customer finds the matches again; a reload, or another user
 * signed in, starts with an empty search.
 */
interface Search {
  userId: string;
  q: string;
  /** Counts searches: the same text sent again asks again. */
  n: number;
  /** Its one match not opened yet: opened once, Back shows the list instead of opening it again. */
  fresh: boolean;
}
const search = signal<Search | null>(null);

/** Customer support: find a customer, see their points, adjust them with a reason. */
export default function Customers() {
  const where = useSignal(route);
  const userId = useSignal(session)?.user.id ?? "";
  const applied = useSignal(search);
  const current = applied?.userId === userId ? applied : null;
  const id = where.params.get("id") ?? "";
  return (
    <section aria-labelledby="customers-title" class="customers">
      <h1 id="customers-title">{t("customersTitle")}</h1>
      <SearchForm q={current?.q ?? ""} userId={userId} />
      {id ? <Customer key={id} id={id} /> : current ? <Results key={current.n} search={current} /> : null}
    </section>
  );
}

function SearchForm(props: { q: string; userId: string }) {
  const [error, setError] = useState<string>();
  const form = useAppliedForm(props.q);
  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    const value = String(new FormData(e.currentTarget).get("q") ?? "").trim();
    if (!value) {
      setError(t("required"));
      return;
    }
    setError(undefined);
    search.value = { userId: props.userId, q: value, n: (search.value?.n ?? 0) + 1, fresh: true };
    // From a customer's page: a new entry, so Back returns to that customer.
    go("customers");
  }
  return (
    // Uncontrolled (paged-list.ts's useAppliedForm): a controlled field went back to the search
    // applied whenever the screen rendered again while the merchant typed (the one match of the
    // search before opening, the language changing).
    <form ref={form} class="card search" onSubmit={submit} noValidate>
      <Field label={t("findCustomer")} error={error}>
        {(a) => <input {...a} name="q" type="search" defaultValue={props.q} maxLength={EMAIL_MAX} />}
      </Field>
      <button type="submit">{t("find")}</button>
    </form>
  );
}

function Results(props: { search: Search }) {
  const { q } = props.search;
  const [items, setItems] = useState<CustomerMatches["items"] | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  // Bumped by "Try again": the same search asked again.
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    setFailed(null);
    api<CustomerMatches>(`/v1/admin/customers?q=${encodeURIComponent(q)}`).then(({ data }) => {
      // One match, just searched: straight to the customer (the list stays behind it for Back).
      if (data.items.length === 1 && data.items[0] && search.value === props.search && props.search.fresh) {
        search.value = { ...props.search, fresh: false };
        go("customers", { id: data.items[0].customerId });
      } else setItems(data.items);
    }, setFailed);
  }, [props.search.n, attempt]);
  if (failed) return <Problem error={failed} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!items) return <Loading />;
  if (items.length === 0) return <p class="empty">{t("noCustomer", { q: isolate(q) })}</p>;
  return (
    <ul class="results">
      {items.map((c) => (
        <li key={c.customerId}>
          <a href={href("customers", { id: c.customerId })}>{c.customerId}</a>
          {c.emails.length > 0 && <span> · {c.emails.join(", ")}</span>}
          {c.balance !== null && (
            <span>
              {" "}
              · {t("balance")}: {formatNumber(c.balance)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function Customer(props: { id: string }) {
  const current = useSignal(session);
  // Points history and redemptions in the store's time zone, as its audit log and overview count days.
  const timeZone = useStoreZone();
  const [data, setData] = useState<CustomerDetail | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const [adjusting, setAdjusting] = useState(() => {
    if (kept && kept.userId !== current?.user.id) kept = null;
    return kept?.customerId === props.id;
  });
  const [announce, setAnnounce] = useState("");
  const adjustButton = useRef<HTMLButtonElement>(null);
  // Closed: back to "Adjust points" (a dialog opened again after a sign-in has no opener of its own).
  const closeAdjusting = () => {
    setAdjusting(false);
    requestAnimationFrame(() => adjustButton.current?.focus());
  };
  const load = () => {
    setFailed(null);
    api<CustomerDetail>(`/v1/admin/customers/${encodeURIComponent(props.id)}`).then(
      ({ data: d }) => setData(d),
      setFailed,
    );
  };
  useEffect(load, [props.id]);
  if (failed) return <Problem error={failed} onRetry={load} />;
  if (!data) return <Loading />;
  return (
    <article class="customer" aria-labelledby="customer-title">
      <div class="title-row">
        <h2 id="customer-title">{data.customerId}</h2>
        {can(current, "loyalty:adjust") && (
          <button type="button" class="primary" ref={adjustButton} onClick={() => setAdjusting(true)}>
            {t("adjustPoints")}
          </button>
        )}
      </div>
      {data.emails.length > 0 && <p class="meta">{data.emails.join(", ")}</p>}
      {/* A shopper's data request, for whom the privacy screen opens (support, owner): their id
          filled in there and looked up; the id, never an address, goes in the URL. */}
      {can(current, SCREEN_SCOPES.privacy) && (
        <p>
          <a href={href("privacy", { customer: data.customerId })}>{t("customerPrivacy")}</a>
        </p>
      )}
      <Toasts announce={announce} />
      <dl class="figures">
        <div class="figure card" data-figure="balance">
          <dt>{t("balance")}</dt>
          <dd>
            {formatNumber(data.balance)} {data.pointsName}
          </dd>
        </div>
        <div class="figure card">
          <dt>{t("tier")}</dt>
          <dd dir="auto">{data.tier ?? t("noTier")}</dd>
        </div>
        <div class="figure card">
          <dt>{t("pendingPoints")}</dt>
          <dd>{formatNumber(data.pendingPoints)}</dd>
        </div>
        <div class="figure card">
          <dt>{t("lifetimeEarned")}</dt>
          <dd>{formatNumber(data.lifetimeEarned)}</dd>
        </div>
        <div class="figure card">
          <dt>{t("orders")}</dt>
          <dd>{formatNumber(data.orders)}</dd>
        </div>
      </dl>
      <section class="card" aria-labelledby="ledger-title">
        <h3 id="ledger-title">{t("ledger")}</h3>
        {data.ledger.length === 0 ? (
          <p>{t("noLedger")}</p>
        ) : (
          <div class="table-scroll">
            <table class="ledger">
              <thead>
                <tr>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("change")}</th>
                  <th scope="col">{t("reason")}</th>
                </tr>
              </thead>
              <tbody>
                {data.ledger.map((e) => (
                  <tr key={e.id}>
                    <td>
                      <time dateTime={e.createdAt}>{formatDateTime(e.createdAt, timeZone)}</time>
                    </td>
                    <td class={e.delta < 0 ? "minus" : "plus"}>
                      {e.delta > 0 ? "+" : ""}
                      {formatNumber(e.delta)}
                    </td>
                    <td dir="auto">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="redemptions-title">
        <h3 id="redemptions-title">{t("redemptions")}</h3>
        {data.redemptions.length === 0 ? (
          <p>{t("noRedemptions")}</p>
        ) : (
          <div class="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("date")}</th>
                  <th scope="col">{t("reward")}</th>
                  <th scope="col">{t("pointsSpent")}</th>
                  <th scope="col">{t("code")}</th>
                </tr>
              </thead>
              <tbody>
                {data.redemptions.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <time dateTime={r.createdAt}>{formatDateTime(r.createdAt, timeZone)}</time>
                    </td>
                    <td dir="auto">{r.reward}</td>
                    <td>{formatNumber(r.pointsSpent)}</td>
                    <td>{r.code ?? r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {adjusting && (
        <AdjustDialog
          customerId={data.customerId}
          onClose={closeAdjusting}
          onSaved={(delta) => {
            closeAdjusting();
            setAnnounce(t("adjusted", { delta: `${delta > 0 ? "+" : ""}${formatNumber(delta)}`, n: delta }));
            load();
          }}
        />
      )}
    </article>
  );
}

/** Points by hand, with a reason. One Idempotency-Key per dialog: a retry never adds twice. */
function AdjustDialog(props: { customerId: string; onClose(): void; onSaved(delta: number): void }) {
  const [draft] = useState<AdjustDraft>(() => {
    const userId = session.value?.user.id ?? "";
    if (kept?.customerId === props.customerId && kept.userId === userId) return kept;
    kept = {
      userId,
      customerId: props.customerId,
      key: crypto.randomUUID(),
      delta: "",
      reason: "",
      interrupted: false,
    };
    return kept;
  });
  const key = draft.key;
  const [delta, setDelta] = useState(draft.delta);
  const [reason, setReason] = useState(draft.reason);
  const [errors, setErrors] = useState<Partial<Record<"delta" | "reason" | "form", string>>>(() =>
    draft.interrupted ? { form: t("adjustKept") } : {},
  );
  const { busy, send } = useSending();
  draft.delta = delta;
  draft.reason = reason;
  // Closed, saved or left: gone. Taken down by a session that ended (nobody signed in): kept.
  useEffect(
    () => () => {
      if (session.value) kept = null;
    },
    [],
  );

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    if (busy) return;
    const found: typeof errors = {};
    const n = parseDelta(delta);
    if (n === undefined || n === 0 || Math.abs(n) > ADJUSTMENT_LIMITS.pointsMax)
      found.delta = t("deltaInvalid", { max: ADJUSTMENT_LIMITS.pointsMax });
    const why = reason.trim();
    if (!why) found.reason = t("reasonRequired");
    else if ([...why].length > ADJUSTMENT_LIMITS.reasonMax)
      found.reason = t("reasonTooLong", { max: ADJUSTMENT_LIMITS.reasonMax });
    setErrors(found);
    if (Object.keys(found).length > 0) {
      requestAnimationFrame(() => document.querySelector<HTMLElement>("dialog [aria-invalid=true]")?.focus());
      return;
    }
    void send(() => save(n as number, why));
  }

  async function save(n: number, why: string) {
    try {
      await api("/v1/admin/loyalty/adjustments", {
        method: "POST",
        body: { customerId: props.customerId, delta: n, reason: why },
        headers: { "idempotency-key": key },
      });
      props.onSaved(n);
    } catch (error) {
      const problem = problemOf(error);
      if (problem.status === 401) draft.interrupted = true;
      setErrors(
        problem.code === "insufficient_points"
          ? { delta: t("insufficientPoints") }
          : problem.fields
            ? { delta: problem.fields.delta, reason: problem.fields.reason }
            : { form: problemText(error) },
      );
    }
  }

  return (
    <Dialog title={t("adjustTitle", { id: isolate(props.customerId) })} onClose={props.onClose}>
      <form onSubmit={submit} noValidate>
        {errors.form && (
          <p class="notice error-notice" role="alert">
            {errors.form}
          </p>
        )}
        <Field label={t("delta")} error={errors.delta}>
          {(a) => (
            <input
              {...a}
              name="delta"
              inputMode="numeric"
              value={delta}
              onInput={(e) => setDelta(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t("reason")} error={errors.reason}>
          {(a) => (
            <input {...a} name="reason" value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled={busy}>
            {t("saveAdjustment")}
          </button>
          <button type="button" onClick={props.onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
