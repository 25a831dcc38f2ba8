import { EMAIL_MAX } from "@plaudit/contract";
import type { TargetedEvent } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Dialog, Field, problemText, Toasts, useSending } from "../components.tsx";
import { isolate, t } from "../i18n.ts";
import { route } from "../router.ts";
import { can, session } from "../session.ts";
import { useSignal } from "../signal.ts";
import type { ErasureResult, PersonExport, PersonLookup } from "../types.ts";

// Privacy requests (API.md "Privacy"; server: privacy/privacy-routes.ts): a shopper asks for
// everything the store holds about them, or for all of it to be erased. Support finds the person
// by address or customer id (or comes from a customer's page: `#/privacy?customer=<id>`, the id
// filled in and looked up), sees what is held counted, downloads the export as a JSON file, and
// erases them after typing the address (or id) again. The audit log tells these apart
// (privacy.lookup, privacy.export, privacy.erase): a Find hands out nothing but counts, the
// export is read only when downloaded. An address typed stays in the screen's state, never in the
// URL: an address in the fragment would be kept in the browser's history.

/** Who the typed words name: an address when they hold an @, else the shop's customer id. */
export function subjectOf(typed: string): { email: string } | { customerId: string } {
  const value = typed.trim();
  return value.includes("@") ? { email: value } : { customerId: value };
}

/** The export's file name: the store and the day it was made (never the person's address). */
export function exportFileName(doc: Pick<PersonExport, "store" | "exportedAt">): string {
  const store = doc.store.replace(/[^A-Za-z0-9_-]+/g, "-");
  return `plaudit-export-${store}-${doc.exportedAt.slice(0, 10)}.json`;
}

/** The export handed to the browser as a file (a blob: nothing more is asked of the server). */
function download(doc: PersonExport, name: string): void {
  const blob = new Blob([`${JSON.stringify(doc, null, 2)}\n`], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file over.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Whether what was typed in the confirmation names the same person (an address without case). */
const sameSubject = (typed: string, asked: string) => {
  const a = typed.trim();
  const b = asked.trim();
  return b.includes("@") ? a.toLowerCase() === b.toLowerCase() : a === b;
};

const recordsOf = ({ counts }: PersonLookup) =>
  [
    { key: "privacyReviews", n: counts.reviews },
    { key: "privacyOrders", n: counts.orders },
    { key: "privacyAccounts", n: counts.loyaltyAccounts },
    { key: "privacyLedger", n: counts.ledgerEntries },
    { key: "privacyRedemptions", n: counts.redemptions },
    { key: "privacyRequests", n: counts.reviewRequests },
    { key: "privacyVotes", n: counts.votes },
  ] as const;

/** The query naming who was asked about. */
const queryOf = (asked: string) => new URLSearchParams(subjectOf(asked)).toString();

/** What an erasure changed, as the API counts it. */
const erasedCounts = (erased: ErasureResult["erased"]) =>
  [
    { key: "privacyReviews", n: erased.reviews },
    { key: "privacyOrders", n: erased.orders },
    { key: "privacyQuestions", n: erased.questions },
    { key: "privacyRequests", n: erased.requests },
  ] as const;

export default function Privacy() {
  const current = useSignal(session);
  /** A customer's page links here with their id: filled in and looked up at once. */
  const [linked] = useState(() => route.value.params.get("customer")?.trim() ?? "");
  const [typed, setTyped] = useState(linked);
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState("");
  /** The person found (what is held, counted) and the words that found them. */
  const [found, setFound] = useState<{ asked: string; lookup: PersonLookup } | null>(null);
  const [erased, setErased] = useState<{ asked: string; counts: ErasureResult["erased"] } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [announce, setAnnounce] = useState("");
  const { busy, send } = useSending();
  const input = useRef<HTMLInputElement>(null);
  const erasedHeading = useRef<HTMLHeadingElement>(null);
  // The button that opened the erasure's dialog is gone with the person: the keyboard carries on
  // from what was erased (after the dialog, closing, gave the focus back to its opener).
  useLayoutEffect(() => {
    if (erased) erasedHeading.current?.focus();
  }, [erased]);

  /** A refusal: beside the field (422, 404), or above the form in words. */
  function refused(failure: unknown, asked: string) {
    const problem = problemOf(failure);
    const field = problem.fields?.email ?? problem.fields?.customerId;
    if (field) setError(field);
    else if (problem.status === 404) setError(t("privacyNotFound", { who: isolate(asked) }));
    else {
      setFormError(problemText(failure));
      return;
    }
    // Once drawn: a refused erasure's dialog is still open (and the page behind it inert) now.
    requestAnimationFrame(() => input.current?.focus());
  }

  const find = (e?: TargetedEvent<HTMLFormElement>) => {
    e?.preventDefault();
    if (busy) return;
    const asked = typed.trim();
    setAnnounce("");
    setFormError("");
    setFound(null);
    setErased(null);
    if (!asked) {
      setError(t("privacyEmpty"));
      input.current?.focus();
      return;
    }
    void send(async () => {
      try {
        const { data } = await api<PersonLookup>(`/v1/admin/privacy/lookup?${queryOf(asked)}`);
        setError(undefined);
        setFound({ asked, lookup: data });
        setAnnounce(t("privacyFound", { who: isolate(asked) }));
      } catch (failure) {
        refused(failure, asked);
      }
    });
  };

  // Came from a customer's page: their id is looked up as if typed and found (before the first
  // paint: the screen opens already looking them up).
  useLayoutEffect(() => {
    if (linked) find();
  }, []);

  /** The export read now (recorded as privacy.export) and handed to the browser as a file. */
  const save = () => {
    if (!found || busy) return;
    const { asked } = found;
    setAnnounce("");
    setFormError("");
    void send(async () => {
      try {
        const { data } = await api<PersonExport>(`/v1/admin/privacy/export?${queryOf(asked)}`);
        const name = exportFileName(data);
        download(data, name);
        setAnnounce(t("privacyDownloaded", { file: name }));
      } catch (failure) {
        if (problemOf(failure).status === 404) setFound(null);
        refused(failure, asked);
      }
    });
  };

  const erase = (asked: string) =>
    send(async () => {
      try {
        const { data } = await api<ErasureResult>("/v1/admin/privacy/erase", {
          method: "POST",
          body: subjectOf(asked),
        });
        setConfirming(false);
        setFound(null);
        setErased({ asked, counts: data.erased });
        const counts = erasedCounts(data.erased);
        setAnnounce(
          counts.every((c) => c.n === 0)
            ? t("privacyErasedBefore", { who: isolate(asked) })
            : `${t("privacyErasedSaid", { who: isolate(asked) })} ${counts.map((c) => t(c.key, { n: c.n })).join(", ")}.`,
        );
      } catch (failure) {
        // Back to "Erase this person…" (the dialog gives the focus back), to try again; a person
        // gone meanwhile (404) is said beside the field.
        setConfirming(false);
        if (problemOf(failure).status === 404) setFound(null);
        refused(failure, asked);
      }
    });

  return (
    <section aria-labelledby="privacy-title" class="privacy">
      <h1 id="privacy-title">{t("privacyTitle")}</h1>
      <form class="card privacy-find" onSubmit={find} noValidate>
        {formError && (
          <p class="notice error-notice" role="alert">
            {formError}
          </p>
        )}
        <Field label={t("privacyWho")} hint={t("privacyWhoHint")} error={error}>
          {(a) => (
            <input
              {...a}
              ref={input}
              name="subject"
              type="text"
              autocomplete="off"
              spellcheck={false}
              dir="ltr"
              maxLength={EMAIL_MAX}
              value={typed}
              onInput={(e) => {
                setTyped(e.currentTarget.value);
                setError(undefined);
              }}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="primary" aria-disabled={busy}>
            {t("find")}
          </button>
        </div>
      </form>

      {found && (
        <article class="card privacy-person" aria-labelledby="privacy-person-title">
          <h2 id="privacy-person-title">{t("privacyHeld", { who: isolate(found.asked) })}</h2>
          <dl class="privacy-ids">
            <dt>{t("privacyCustomerIds")}</dt>
            <dd dir="ltr">{found.lookup.person.customerIds.join(", ") || "–"}</dd>
            <dt>{t("privacyEmails")}</dt>
            <dd dir="ltr">{found.lookup.person.emails.join(", ") || "–"}</dd>
          </dl>
          <ul class="privacy-counts">
            {recordsOf(found.lookup).map((r) => (
              <li key={r.key}>{t(r.key, { n: r.n })}</li>
            ))}
          </ul>
          <div class="actions">
            <button type="button" onClick={save} aria-disabled={busy}>
              {t("privacyDownload")}
            </button>
            {can(current, "customers:erase") && (
              <button type="button" class="danger" onClick={() => setConfirming(true)}>
                {t("privacyErase")}
              </button>
            )}
          </div>
        </article>
      )}

      {erased && (
        <article class="card privacy-erased" aria-labelledby="privacy-erased-title">
          <h2 id="privacy-erased-title" ref={erasedHeading} tabIndex={-1}>
            {t("privacyErasedTitle", { who: isolate(erased.asked) })}
          </h2>
          <ul class="privacy-counts">
            {erasedCounts(erased.counts).map((c) => (
              <li key={c.key}>{t(c.key, { n: c.n })}</li>
            ))}
          </ul>
        </article>
      )}

      {confirming && found && (
        <ConfirmErase asked={found.asked} busy={busy} onErase={erase} onClose={() => setConfirming(false)} />
      )}
      <Toasts announce={announce} />
    </section>
  );
}

/** What erasure does, said before it is done; the address (or id) typed again to confirm it. */
function ConfirmErase(props: {
  asked: string;
  busy: boolean;
  onErase: (asked: string) => unknown;
  onClose: () => void;
}) {
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<string | undefined>();
  const field = useRef<HTMLInputElement>(null);
  const submit = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (props.busy) return;
    if (!sameSubject(typed, props.asked)) {
      setError(t("privacyConfirmMismatch", { who: isolate(props.asked) }));
      field.current?.focus();
      return;
    }
    setError(undefined);
    void props.onErase(props.asked);
  };
  return (
    <Dialog title={t("privacyEraseTitle", { who: isolate(props.asked) })} onClose={props.onClose}>
      <form class="privacy-confirm" onSubmit={submit} noValidate>
        <p>{t("privacyEraseWhat")}</p>
        <ul>
          <li>{t("privacyEraseNames")}</li>
          <li>{t("privacyEraseMedia")}</li>
          <li>{t("privacyErasePoints")}</li>
          <li>{t("privacyEraseMail")}</li>
        </ul>
        <p class="notice error-notice">{t("privacyEraseForGood")}</p>
        <Field label={t("privacyConfirmLabel", { who: isolate(props.asked) })} error={error}>
          {(a) => (
            <input
              {...a}
              ref={field}
              name="confirm"
              type="text"
              autocomplete="off"
              spellcheck={false}
              dir="ltr"
              value={typed}
              onInput={(e) => setTyped(e.currentTarget.value)}
            />
          )}
        </Field>
        <div class="actions">
          <button type="submit" class="danger" aria-disabled={props.busy}>
            {t("privacyEraseConfirm")}
          </button>
          <button type="button" class="quiet" onClick={props.onClose}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
