import type { TargetedEvent } from "preact";
import { useRef, useState } from "preact/hooks";
import { api, problemOf } from "../api.ts";
import { Field, problemText, Toasts, useSending } from "../components.tsx";
import { formatDateTime, isolate, t } from "../i18n.ts";
import { useStoreZone } from "../store-zone.tsx";
import type { SuppressionResult, SuppressionStatus } from "../types.ts";

// "Stop emails to an address" on the review requests screen: a shopper who asked the shop (by the
// mailto unsubscribe, or in their own words) is stopped here, or asked again when they want it
// (server: review-requests/suppression-routes.ts). The list keeps keyed hashes, not addresses, so
// the form checks one typed address at a time; it cannot show a list.

const PATH = "/v1/admin/review-requests/suppressions";

export function StopEmails() {
  const timeZone = useStoreZone();
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [formError, setFormError] = useState("");
  /** What the server last said about the address as typed (cleared when it is changed). */
  const [known, setKnown] = useState<SuppressionStatus | null>(null);
  const [announce, setAnnounce] = useState("");
  const { busy, send } = useSending();
  const input = useRef<HTMLInputElement>(null);

  const statusLine = (s: SuppressionStatus) => {
    const shown = isolate(s.email);
    if (!s.suppressed) return t("stopIsOpen", { email: shown });
    if (!s.liftable) return t("stopIsErased", { email: shown });
    return t("stopIsStopped", { email: shown, when: s.since ? formatDateTime(s.since, timeZone) : "" });
  };

  /** Sends one call for the typed address; `done` says what happened. */
  function run(call: (typed: string) => Promise<string>) {
    if (busy) return;
    const typed = email.trim();
    setAnnounce("");
    setFormError("");
    if (!typed) {
      setError(t("stopEmpty"));
      input.current?.focus();
      return;
    }
    void send(async () => {
      try {
        setError(undefined);
        setAnnounce(await call(typed));
      } catch (failure) {
        const problem = problemOf(failure);
        if (problem.fields?.email) {
          setError(problem.fields.email);
          input.current?.focus();
        } else if (problem.code === "conflict") {
          setAnnounce(t("stopErased", { email: isolate(typed) }));
        } else setFormError(problemText(failure));
      }
    });
  }

  const check = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    run(async (typed) => {
      const { data } = await api<SuppressionStatus>(`${PATH}?email=${encodeURIComponent(typed)}`);
      setKnown(data);
      return statusLine(data);
    });
  };

  const stop = () =>
    run(async (typed) => {
      const { data } = await api<SuppressionResult>(PATH, { method: "POST", body: { email: typed } });
      setKnown(data);
      // Its button gives way to "Resume": the keyboard carries on from the field.
      input.current?.focus();
      const done = t("stopDone", { email: isolate(data.email) });
      return data.stopped > 0 ? `${done} ${t("stopDoneRequests", { n: data.stopped })}` : done;
    });

  const resume = () =>
    run(async (typed) => {
      const { data } = await api<SuppressionStatus>(`${PATH}/lift`, {
        method: "POST",
        body: { email: typed },
      });
      setKnown(data);
      // Its button is gone: the keyboard carries on from the field.
      input.current?.focus();
      return t("stopResumed", { email: isolate(data.email) });
    });

  return (
    <form class="card stop-emails" onSubmit={check} noValidate aria-labelledby="stop-emails-title">
      <h2 id="stop-emails-title">{t("stopTitle")}</h2>
      {formError && (
        <p class="notice error-notice" role="alert">
          {formError}
        </p>
      )}
      <Field label={t("stopEmail")} hint={t("stopHint")} error={error}>
        {(a) => (
          <input
            {...a}
            ref={input}
            name="email"
            type="email"
            autocomplete="off"
            dir="ltr"
            value={email}
            onInput={(e) => {
              setEmail(e.currentTarget.value);
              setKnown(null);
              setAnnounce("");
            }}
          />
        )}
      </Field>
      <div class="actions">
        <button type="submit" aria-disabled={busy}>
          {t("stopCheck")}
        </button>
        {!known?.suppressed && (
          <button type="button" class="danger" aria-disabled={busy} onClick={stop}>
            {t("stopAction")}
          </button>
        )}
        {known?.liftable && (
          <button type="button" aria-disabled={busy} onClick={resume}>
            {t("stopResume")}
          </button>
        )}
      </div>
      <Toasts announce={announce} />
    </form>
  );
}
