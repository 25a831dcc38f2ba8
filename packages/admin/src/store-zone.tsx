import { useState } from "preact/hooks";
import { api } from "./api.ts";
import { problemText, useSending } from "./components.tsx";
import { isolate, t } from "./i18n.ts";
import { can, session } from "./session.ts";
import { useSignal } from "./signal.ts";

/** The zone the store's days are counted in (the session's; UTC until the store names one). */
export function useStoreZone(): string {
  return useSignal(session)?.store.timeZone ?? "UTC";
}

/**
 * Which zone a screen's days are in, said under it. An owner whose browser is in another zone is
 * offered that one for the store (PUT /v1/admin/store/settings): a merchant in Los Angeles whose
 * store still counts UTC days sees why Sunday evening's reviews are on Monday, and fixes it here.
 */
export function StoreZoneNote(props: { onChanged(): void }) {
  const current = useSignal(session);
  const zone = current?.store.timeZone ?? "UTC";
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const [said, setSaid] = useState("");
  const { busy, send } = useSending();
  const offer = can(current, "keys:manage") && browserZone && browserZone !== zone;

  async function useBrowserZone() {
    try {
      const { data } = await api<{ timeZone: string }>("/v1/admin/store/settings", {
        method: "PUT",
        body: { timeZone: browserZone },
      });
      if (session.value)
        session.value = { ...session.value, store: { ...session.value.store, timeZone: data.timeZone } };
      setSaid(t("zoneSaved", { zone: isolate(data.timeZone) }));
      props.onChanged();
    } catch (error) {
      setSaid(problemText(error));
    }
  }

  return (
    <div class="store-zone">
      <p class="hint">{t("daysIn", { zone: isolate(zone) })}</p>
      {offer && (
        <button type="button" class="quiet" aria-disabled={busy} onClick={() => void send(useBrowserZone)}>
          {t("useBrowserZone", { zone: isolate(browserZone) })}
        </button>
      )}
      <p class="hint" role="status">
        {said}
      </p>
    </div>
  );
}
