// Thin views of the inline widgets: the member's balance, and what a purchase would earn.
import type { I18n, Theme } from "@plaudit/core";
import { useStore } from "@plaudit/ui";
import { useEffect } from "preact/hooks";
import type { LoyaltyController } from "../loyalty-controller.ts";
import { purchasePoints } from "../points.ts";
import { pointsNameOf, pointsText } from "../points-text.ts";

interface InlineProps {
  controller: LoyaltyController;
  i18n: I18n;
  theme: Theme;
}

/** The balance of the signed-in member; nothing at all for guests (or while it loads). */
export function PointsBalance({ controller, i18n, theme }: InlineProps) {
  const member = useStore(controller, (s) => s.member);
  // Read before any early return: the hooks run in the same order whether a member shows or not
  // (a shopper signing out or in switches between the two).
  const program = useStore(controller, (s) => s.program.data);
  useEffect(() => controller.start(), [controller]);
  if (member.status !== "ready" || !member.data) return null;
  const points = pointsText(i18n, member.data.balance, pointsNameOf(i18n.locale, member.data, program));
  return (
    <span class="plaudit-root plaudit-points" data-theme={theme} dir={i18n.dir} lang={i18n.locale}>
      {i18n.t("points.balance", { points })}
    </span>
  );
}

/** "Earn 50 points with this purchase", by the program's purchase rate; nothing when it earns none. */
export function PointsFor({ controller, i18n, theme, amount }: InlineProps & { amount: number }) {
  const program = useStore(controller, (s) => s.program.data);
  useEffect(() => controller.start(), [controller]);
  const points = program ? purchasePoints(program, amount) : 0;
  if (points <= 0) return null;
  return (
    <span class="plaudit-root plaudit-points" data-theme={theme} dir={i18n.dir} lang={i18n.locale}>
      {i18n.t("pointsFor.text", {
        points: pointsText(i18n, points, pointsNameOf(i18n.locale, undefined, program)),
      })}
    </span>
  );
}
