// The loyalty panel: an APG modal dialog (ui's Dialog) with the guest or the member view. It only
// renders what the controller holds; the launcher decides when it opens.
import type { I18n } from "@plaudit/core";
import { Button, Dialog, deepActiveElement, LiveRegion, tabbablesWithin, useStore } from "@plaudit/ui";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "preact/hooks";
import type { LoyaltyController } from "../loyalty-controller.ts";
import type { StoreLoyalty } from "../loyalty-slice.ts";
import { doneActions } from "../member-progress.ts";
import { memberIn, programIn } from "../program-in-locale.ts";
import { HistoryList, WaysToEarn } from "./earn-and-history.tsx";
import { MemberSummary } from "./member-summary.tsx";
import { Referral } from "./referral.tsx";
import { Rewards } from "./rewards.tsx";

export interface PanelLinks {
  joinUrl?: string;
  signInUrl?: string;
}

export interface LoyaltyPanelProps {
  controller: LoyaltyController;
  i18n: I18n;
  links: PanelLinks;
  onClose(): void;
  returnFocusTo?: HTMLElement | null;
  /** Where the keyboard starts (ui's Dialog): the same control as in the panel it replaces. */
  initialFocus?: () => HTMLElement | null | undefined;
}

export function LoyaltyPanel({
  controller,
  i18n,
  links,
  onClose,
  returnFocusTo,
  initialFocus,
}: LoyaltyPanelProps) {
  const held = useStore(controller, (s) => s);
  // The merchant's words in the panel's language (the program holds them all): labels, reward and
  // tier names, perks; the member's tiers named as the program names them.
  const data = held.program.data;
  const me = held.member.data;
  const program = useMemo(() => data && programIn(data, i18n.locale), [data, i18n.locale]);
  const member = useMemo(() => me && memberIn(me, data, i18n.locale), [me, data, i18n.locale]);
  const state =
    program === data && member === me
      ? held
      : { ...held, program: { ...held.program, data: program }, member: { ...held.member, data: member } };
  const [message, setMessage] = useState("");
  useEffect(() => controller.start(), [controller]);
  // The same words twice (copy, copy again) must still be announced: vary them invisibly.
  const announce = (next: string) => setMessage((shown) => (shown === next ? `${next}\u00a0` : next));
  // A view replaced under the shopper's focus (signed out while a reward's step had it, a token
  // refused, figures arriving): focus stays in the dialog, on its first control, instead of falling
  // to the page behind the modal, where a screen reader would read nothing of what changed.
  const body = useRef<HTMLDivElement>(null);
  const view = viewOf(state);
  const shownView = useRef(view);
  useLayoutEffect(() => {
    if (shownView.current === view) return;
    shownView.current = view;
    const dialog = body.current?.closest("dialog");
    if (!dialog || dialog.contains(deepActiveElement(dialog.ownerDocument))) return;
    const tabbables = tabbablesWithin(dialog);
    (tabbables.find((el) => !el.hasAttribute("data-plaudit-dialog-close")) ?? tabbables[0])?.focus();
  }, [view]);

  return (
    <Dialog
      open
      title={i18n.t("panel.title")}
      closeLabel={i18n.t("close")}
      onClose={onClose}
      dir={i18n.dir}
      lang={i18n.locale}
      returnFocusTo={returnFocusTo}
      initialFocus={initialFocus}
      class="plaudit-loyalty-dialog"
    >
      <div class="plaudit-loyalty" ref={body}>
        <PanelBody state={state} i18n={i18n} controller={controller} links={links} announce={announce} />
        <LiveRegion message={message} />
      </div>
    </Dialog>
  );
}

/** Which of PanelBody's views shows (guest, error, loading, member). */
const viewOf = ({ program, member }: StoreLoyalty) =>
  member.status === "guest"
    ? "guest"
    : (program.status === "error" && !program.data) || (member.status === "error" && !member.data)
      ? "error"
      : !program.data || !member.data
        ? "loading"
        : "member";

interface PanelBodyProps {
  state: StoreLoyalty;
  i18n: I18n;
  controller: LoyaltyController;
  links: PanelLinks;
  announce(message: string): void;
}

function PanelBody({ state, i18n, controller, links, announce }: PanelBodyProps) {
  const { program, member } = state;
  if (member.status === "guest") {
    return <GuestView state={state} i18n={i18n} controller={controller} links={links} announce={announce} />;
  }
  if ((program.status === "error" && !program.data) || (member.status === "error" && !member.data)) {
    return (
      <div role="alert" class="plaudit-loyalty-box">
        <p>{i18n.t("error.load")}</p>
        <div class="plaudit-loyalty-actions">
          <Button onClick={() => controller.retry()}>{i18n.t("retry")}</Button>
        </div>
      </div>
    );
  }
  if (!program.data || !member.data) return <p class="plaudit-loyalty-muted">{i18n.t("loading")}</p>;
  const me = member.data;
  return (
    <>
      <MemberSummary i18n={i18n} me={me} program={program.data} pendingPoints={member.pendingPoints} />
      <Rewards i18n={i18n} state={state} controller={controller} announce={announce} member />
      <WaysToEarn i18n={i18n} program={program.data} done={doneActions(me.history)} />
      {/* Its words promise points to both friends: only where the program gives them. */}
      {program.data.earning.some((way) => way.action === "referral" && way.points > 0) && (
        <Referral i18n={i18n} referral={me.referral} announce={announce} />
      )}
      <HistoryList i18n={i18n} history={me.history} />
    </>
  );
}

function GuestView({ state, i18n, controller, links, announce }: PanelBodyProps) {
  const program = state.program.data;
  const expired = state.member.guestReason === "expired" || state.member.guestReason === "invalid";
  return (
    <>
      <p>{i18n.t(expired ? "guest.expired" : "guest.intro")}</p>
      {(links.joinUrl || links.signInUrl) && (
        <div class="plaudit-loyalty-links">
          {links.joinUrl && (
            <a class="plaudit-button plaudit-button--primary" href={links.joinUrl}>
              {i18n.t("guest.join")}
            </a>
          )}
          {links.signInUrl && (
            <>
              <span class="plaudit-loyalty-muted">{i18n.t("guest.haveAccount")}</span>
              <a href={links.signInUrl}>{i18n.t("guest.signIn")}</a>
            </>
          )}
        </div>
      )}
      {program ? (
        <>
          <WaysToEarn i18n={i18n} program={program} />
          <Rewards i18n={i18n} state={state} controller={controller} announce={announce} member={false} />
        </>
      ) : state.program.status === "error" ? (
        <p role="alert">{i18n.t("error.load")}</p>
      ) : (
        <p class="plaudit-loyalty-muted">{i18n.t("loading")}</p>
      )}
    </>
  );
}
