// Rewards and the redeem flow: Redeem → confirm → the code with a Copy button. Focus moves to
// each new step's heading so keyboard and screen-reader users land where the content changed, and
// back to the reward's Redeem button when they cancel.
import type { I18n, LoyaltyProgram } from "@plaudit/core";
import { Button } from "@plaudit/ui";
import type { Ref } from "preact";
import { useId, useLayoutEffect, useRef, useState } from "preact/hooks";
import type { LoyaltyController } from "../loyalty-controller.ts";
import type { StoreLoyalty } from "../loyalty-slice.ts";
import { pointsNameOf } from "../points-text.ts";
import { CopyField } from "./copy-field.tsx";
import { pointsText } from "./format.ts";

type Reward = LoyaltyProgram["rewards"][number];

export interface RewardsProps {
  i18n: I18n;
  state: StoreLoyalty;
  controller: LoyaltyController;
  announce(message: string): void;
  /** Guests see what they could redeem, without buttons. */
  member: boolean;
}

export function Rewards({ i18n, state, controller, announce, member }: RewardsProps) {
  const titleId = useId();
  const [confirming, setConfirming] = useState<string | null>(null);
  const stepHeading = useRef<HTMLHeadingElement>(null);
  const backTo = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const program = state.program.data;
  const balance = state.member.data?.balance ?? 0;
  const pointsName = pointsNameOf(i18n.locale, state.member.data, program);
  const attempt = state.attempt;
  const rewardOf = (id: string | null | undefined) => program?.rewards.find((r) => r.id === id);

  // Which step shows: the code or error of the last attempt, the confirm step, or the list. A reward
  // repriced since the shopper confirmed cost nothing: they confirm again, at its new cost.
  const step =
    attempt?.error?.code === "reward_changed"
      ? "confirm"
      : attempt
        ? attempt.status
        : confirming
          ? "confirm"
          : "list";
  const shownReward = rewardOf(attempt?.rewardId ?? confirming);

  // Before paint, so focus never falls to the page while a step replaces the one that held it.
  useLayoutEffect(() => {
    if (step === "list") {
      const id = backTo.current;
      backTo.current = null;
      const buttons = listRef.current?.querySelectorAll<HTMLElement>("[data-reward]") ?? [];
      if (id) [...buttons].find((button) => button.dataset.reward === id)?.focus();
      return;
    }
    if (step !== "sending") stepHeading.current?.focus();
    if (step === "done" && attempt?.redemption && shownReward) {
      announce(i18n.t("redeem.done", { reward: shownReward.name, code: attempt.redemption.code }));
    }
  }, [step]);

  if (!program) return null;

  const backToList = () => {
    backTo.current = attempt?.rewardId ?? confirming;
    setConfirming(null);
    controller.clearAttempt();
  };
  const redeem = (id: string) => {
    setConfirming(null);
    void controller.redeem(id);
  };

  if (step !== "list" && shownReward) {
    return (
      <section aria-labelledby={titleId} class="plaudit-loyalty-box" aria-busy={step === "sending"}>
        {step === "done" && attempt?.redemption ? (
          <>
            <RewardHeading
              i18n={i18n}
              message="redeem.codeLabel"
              reward={shownReward.name}
              id={titleId}
              headingRef={stepHeading}
            />
            <CopyField
              class="plaudit-loyalty-code"
              label={i18n.t("redeem.applyHint")}
              value={attempt.redemption.code}
              copyLabel={i18n.t("redeem.copy")}
              onCopied={(copied) => announce(i18n.t(copied ? "redeem.copied" : "redeem.copyFailed"))}
            />
            <div class="plaudit-loyalty-actions">
              <Button variant="quiet" onClick={backToList}>
                {i18n.t("redeem.back")}
              </Button>
            </div>
          </>
        ) : step === "error" ? (
          <>
            <RewardHeading
              i18n={i18n}
              message="confirm.title"
              reward={shownReward.name}
              id={titleId}
              headingRef={stepHeading}
            />
            <p class="plaudit-loyalty-error" role="alert">
              {i18n.t(
                attempt?.error?.code === "insufficient_points" ? "redeem.insufficient" : "redeem.failed",
              )}
            </p>
            <div class="plaudit-loyalty-actions">
              {attempt?.error?.code !== "insufficient_points" && (
                <Button variant="primary" onClick={() => redeem(shownReward.id)}>
                  {i18n.t("retry")}
                </Button>
              )}
              <Button onClick={backToList}>{i18n.t("redeem.back")}</Button>
            </div>
          </>
        ) : (
          <ConfirmStep
            i18n={i18n}
            reward={shownReward}
            balance={balance}
            pointsName={pointsName}
            titleId={titleId}
            headingRef={stepHeading}
            sending={step === "sending"}
            onConfirm={() => redeem(shownReward.id)}
            onCancel={backToList}
          />
        )}
      </section>
    );
  }

  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{i18n.t("rewards.title")}</h3>
      {program.rewards.length === 0 && <p class="plaudit-loyalty-muted">{i18n.t("rewards.none")}</p>}
      <ul class="plaudit-loyalty-rows" ref={listRef}>
        {program.rewards.map((reward) => (
          <li key={reward.id}>
            <span class="plaudit-loyalty-row-main">
              <span>{reward.name}</span>
              <span class="plaudit-loyalty-muted">{pointsText(i18n, reward.cost, pointsName)}</span>
            </span>
            {member &&
              (balance >= reward.cost ? (
                <Button
                  data-reward={reward.id}
                  aria-label={i18n.t("rewards.redeemNamed", { reward: reward.name })}
                  onClick={() => setConfirming(reward.id)}
                >
                  {i18n.t("rewards.redeem")}
                </Button>
              ) : (
                <span class="plaudit-loyalty-muted">
                  {i18n.t("rewards.needMore", {
                    points: pointsText(i18n, reward.cost - balance, pointsName),
                  })}
                </span>
              ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

interface RewardHeadingProps {
  i18n: I18n;
  message: string;
  reward: string;
  id: string;
  // `Ref`, not `RefObject`: what `useRef<T>(null)` gives is a `Ref<T>` under Preact 10 and 11 alike
  // (11 types it `RefObject<T | null>`, which 10's `ref` attribute refuses).
  headingRef: Ref<HTMLHeadingElement>;
}

/**
 * A step's heading, which names the reward (focus lands on it). The name is drawn as its own bidi
 * isolate (dir="auto"): a shop's English "$5 off your order" in a Hebrew sentence keeps its order,
 * where the sentence would pull "$5" to the far end. Its accessible name stays the plain sentence.
 */
function RewardHeading({ i18n, message, reward, id, headingRef }: RewardHeadingProps) {
  const [before, after] = i18n.t(message, { reward: "\u0000" }).split("\u0000");
  return (
    <h3 id={id} ref={headingRef} tabIndex={-1} aria-label={i18n.t(message, { reward })}>
      {before}
      <span dir="auto">{reward}</span>
      {after}
    </h3>
  );
}

interface ConfirmStepProps {
  i18n: I18n;
  reward: Reward;
  balance: number;
  /** The program's name for its points. */
  pointsName: string | undefined;
  titleId: string;
  headingRef: Ref<HTMLHeadingElement>;
  sending: boolean;
  onConfirm(): void;
  onCancel(): void;
}

function ConfirmStep({
  i18n,
  reward,
  balance,
  pointsName,
  titleId,
  headingRef,
  sending,
  onConfirm,
  onCancel,
}: ConfirmStepProps) {
  return (
    <>
      <RewardHeading
        i18n={i18n}
        message="confirm.title"
        reward={reward.name}
        id={titleId}
        headingRef={headingRef}
      />
      <p>
        {i18n.t("confirm.text", {
          points: pointsText(i18n, reward.cost, pointsName),
          balance: pointsText(i18n, balance, pointsName),
        })}
      </p>
      <div class="plaudit-loyalty-actions">
        <Button variant="primary" onClick={onConfirm} aria-disabled={sending || undefined}>
          {i18n.t(sending ? "redeem.sending" : "confirm.yes")}
        </Button>
        <Button onClick={onCancel} disabled={sending}>
          {i18n.t("confirm.no")}
        </Button>
      </div>
    </>
  );
}
