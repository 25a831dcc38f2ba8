// Balance, pending points (held reviews; purchases inside the return window, with the date they
// become spendable), tier and the progress bar towards the next tier.
import type { I18n, LoyaltyProgram } from "@plaudit/core";
import { useId } from "preact/hooks";
import type { MemberStatus } from "../loyalty-slice.ts";
import { tierName, tierProgress } from "../member-progress.ts";
import { pointsNameOf } from "../points-text.ts";
import { pointsText } from "./format.ts";

export interface MemberSummaryProps {
  i18n: I18n;
  me: MemberStatus;
  program: LoyaltyProgram | undefined;
  pendingPoints: number;
}

export function MemberSummary({ i18n, me, program, pendingPoints }: MemberSummaryProps) {
  const labelId = useId();
  const tier = tierName(program, me.tier);
  const progress = tierProgress(program, me);
  // Tiers measured in money spent count currency units, not points.
  const bySpend = me.tierProgress?.mode === "spend";
  const name = pointsNameOf(i18n.locale, me, program);
  const toGo = (n: number) =>
    bySpend ? i18n.formatNumber(n, { maximumFractionDigits: 2 }) : pointsText(i18n, n, name);
  // Points with a date wait out the store's return window; the rest wait for review moderation
  // (`pendingPoints` may hold this page's estimate for a review just sent).
  const dated = (me.pending ?? []).filter((p) => p.availableAt);
  const reviewPending = pendingPoints - dated.reduce((sum, p) => sum + p.points, 0);
  const progressText =
    progress && i18n.t("member.progressText", { points: toGo(progress.remaining), tier: progress.nextTier });
  return (
    <div class="plaudit-loyalty-balance">
      <span class="plaudit-loyalty-muted">{i18n.t("member.balance")}</span>
      <span class="plaudit-loyalty-balance-figure" data-plaudit-balance="">
        {pointsText(i18n, me.balance, name)}
      </span>
      {reviewPending > 0 && (
        <span class="plaudit-loyalty-muted">
          {i18n.t("member.pending", { points: pointsText(i18n, reviewPending, name) })}
        </span>
      )}
      {dated.slice(0, 3).map((p) => (
        <span class="plaudit-loyalty-muted" key={`${p.availableAt}-${p.reason}`} data-plaudit-pending="">
          {i18n.t("member.pendingUntil", {
            points: pointsText(i18n, p.points, name),
            date: spendableDay(i18n, p.availableAt as string),
          })}
        </span>
      ))}
      {tier && <p class="plaudit-loyalty-full">{i18n.t("member.tier", { tier })}</p>}
      {progress ? (
        <div class="plaudit-loyalty-full plaudit-loyalty-stack">
          <span id={labelId} class="plaudit-loyalty-muted">
            {i18n.t("member.progress", { tier: progress.nextTier })}
          </span>
          <div
            class="plaudit-loyalty-progress"
            role="progressbar"
            aria-labelledby={labelId}
            aria-valuemin={0}
            aria-valuemax={progress.max}
            aria-valuenow={progress.value}
            aria-valuetext={progressText ?? undefined}
          >
            <div
              class="plaudit-loyalty-progress-fill"
              style={{ inlineSize: `${(progress.value / progress.max) * 100}%` }}
            />
          </div>
          <span class="plaudit-loyalty-muted">{progressText}</span>
        </div>
      ) : (
        tier && <p class="plaudit-loyalty-muted">{i18n.t("member.topTier")}</p>
      )}
    </div>
  );
}

/**
 * The shopper's own calendar day of the moment points become spendable. i18n.formatDate says a
 * UTC day (a review's date, the same on the server's page and in every zone): east of UTC that is
 * the day before — "spendable from 1 April" for points that arrive at 05:00 on the 2nd in Tokyo.
 */
const spendableDay = (i18n: I18n, iso: string) =>
  new Intl.DateTimeFormat(i18n.locale, { dateStyle: "medium" }).format(new Date(iso));
