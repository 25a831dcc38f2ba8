// The member's referral link with Copy, and Share where the platform has a share sheet.
import type { I18n, LoyaltyMe } from "@plaudit/core";
import { Button } from "@plaudit/ui";
import { useId } from "preact/hooks";
import { CopyField } from "./copy-field.tsx";

export interface ReferralProps {
  i18n: I18n;
  referral: LoyaltyMe["referral"];
  announce(message: string): void;
}

export function Referral({ i18n, referral, announce }: ReferralProps) {
  const titleId = useId();
  // A store without a referral URL template gives only the code to pass on.
  const value = referral.url || referral.code;
  if (!value) return null;
  const nav = globalThis.navigator as Navigator | undefined;
  const canShare = typeof nav?.share === "function" && Boolean(referral.url);
  const share = async () => {
    try {
      await nav!.share({
        title: i18n.t("referral.shareTitle"),
        text: i18n.t("referral.text"),
        url: referral.url,
      });
    } catch {
      // The shopper closed the share sheet: nothing to say.
    }
  };
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{i18n.t("referral.title")}</h3>
      <p class="plaudit-loyalty-muted">{i18n.t("referral.text")}</p>
      <CopyField
        label={i18n.t("referral.label")}
        value={value}
        copyLabel={i18n.t("referral.copy")}
        onCopied={(copied) => announce(i18n.t(copied ? "referral.copied" : "redeem.copyFailed"))}
      >
        {canShare && <Button onClick={share}>{i18n.t("referral.share")}</Button>}
      </CopyField>
    </section>
  );
}
