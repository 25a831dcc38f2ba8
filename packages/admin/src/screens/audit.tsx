import { AUDIT_ACTIONS, addDays, dayIn, startOfDay } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { ListBody } from "../components.tsx";
import { formatDateTime, isolate, t } from "../i18n.ts";
import { formValues, useAppliedForm, usePagedList } from "../paged-list.ts";
import { go, route } from "../router.ts";
import { useSignal } from "../signal.ts";
import { StoreZoneNote, useStoreZone } from "../store-zone.tsx";
import type { AdminUser, AuditItem } from "../types.ts";

const FILTERS = ["action", "actor", "target", "since", "until"] as const;

/**
 * The form's days as the API's times, whole days of the store's time zone as the overview counts
 * them: "since" from the start of its day; "until" (the API's is exclusive) to the end of its day
 * — its own start left that whole day out, and "since" and "until" the same day found nothing.
 */
export function auditTimes(day: string, end: boolean, timeZone: string): string {
  if (Number.isNaN(Date.parse(`${day}T00:00:00.000Z`))) return day;
  return startOfDay(end ? addDays(day, 1) : day, timeZone).toISOString();
}

/** The day a filter's time stands for in the form (the inverse of auditTimes). */
function dayOf(time: string | undefined, end: boolean, timeZone: string): string {
  const at = time === undefined ? Number.NaN : Date.parse(time);
  return Number.isNaN(at) ? "" : dayIn(end ? at - 1 : at, timeZone);
}

/**
 * Who did it, in the merchant's words and language: a user by their address (the store's users,
 * read once; a removed one keeps their id), an API key by its id, or the server's command line.
 */
function actorName(actor: AuditItem["actor"], emails: ReadonlyMap<string, string>): string {
  return "keyId" in actor
    ? t("actorKey", { id: isolate(actor.keyId) })
    : "userId" in actor
      ? isolate(emails.get(actor.userId) ?? actor.userId)
      : t("actorCli", { name: isolate(actor.cli) });
}

/** Who did what, newest first, with filters (GET /v1/admin/audit). */
export default function Audit() {
  const where = useSignal(route);
  const timeZone = useStoreZone();
  const filters = Object.fromEntries(
    FILTERS.flatMap((key) => {
      const value = where.params.get(key);
      return value ? [[key, value]] : [];
    }),
  );
  const { items, cursor, failed, load } = usePagedList<AuditItem>("/v1/admin/audit", filters);
  const form = useAppliedForm(String(where.params));
  const [emails, setEmails] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    api<{ items: AdminUser[] }>("/v1/admin/users").then(
      ({ data }) => setEmails(new Map(data.items.map((u) => [u.id, u.email]))),
      // Without the list (no keys:manage), users are named by their ids.
      () => {},
    );
  }, []);

  function submit(e: TargetedEvent<HTMLFormElement>) {
    e.preventDefault();
    const next = formValues(e.currentTarget, FILTERS);
    // Days in the form, times in the API.
    for (const key of ["since", "until"] as const)
      if (next[key]) next[key] = auditTimes(next[key], key === "until", timeZone);
    go("audit", next);
  }

  return (
    <section aria-labelledby="audit-title" class="audit">
      <h1 id="audit-title">{t("auditTitle")}</h1>
      {/* Uncontrolled (paged-list.ts's useAppliedForm says why): a default that changes later (the
          store's zone arriving) shows only in a field not typed in. */}
      <form ref={form} class="filters card" onSubmit={submit} aria-label={t("filters")}>
        <label>
          <span>{t("action")}</span>
          {/* The actions the server writes (contract's AUDIT_ACTIONS) offered as typed. */}
          <input name="action" list="audit-actions" defaultValue={filters.action ?? ""} maxLength={100} />
          <datalist id="audit-actions">
            {AUDIT_ACTIONS.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
        </label>
        <label>
          <span>{t("actor")}</span>
          <input name="actor" defaultValue={filters.actor ?? ""} maxLength={200} />
        </label>
        <label>
          <span>{t("target")}</span>
          <input name="target" defaultValue={filters.target ?? ""} maxLength={200} />
        </label>
        <label>
          <span>{t("since")}</span>
          <input name="since" type="date" defaultValue={dayOf(filters.since, false, timeZone)} />
        </label>
        <label>
          <span>{t("until")}</span>
          <input name="until" type="date" defaultValue={dayOf(filters.until, true, timeZone)} />
        </label>
        <button type="submit">{t("applyFilters")}</button>
      </form>
      <StoreZoneNote onChanged={() => void load()} />
      <ListBody
        items={items}
        failed={failed}
        load={load}
        cursor={cursor}
        empty={t("auditEmpty")}
        item="tbody tr"
      >
        {(items) => (
          <>
            <div class="table-scroll">
              <table class="audit-log">
                <thead>
                  <tr>
                    <th scope="col">{t("at")}</th>
                    <th scope="col">{t("actor")}</th>
                    <th scope="col">{t("action")}</th>
                    <th scope="col">{t("target")}</th>
                    <th scope="col">{t("address")}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((row) => (
                    <tr key={row.id}>
                      <td>
                        <time dateTime={row.at}>{formatDateTime(row.at, timeZone)}</time>
                      </td>
                      <td>{actorName(row.actor, emails)}</td>
                      <td>
                        <code>{row.action}</code>
                      </td>
                      <td>{row.target}</td>
                      <td>{row.ip}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </ListBody>
    </section>
  );
}
