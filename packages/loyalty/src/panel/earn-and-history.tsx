// Ways to earn (with done / to do for the one-time ones) and the points history.
import type { EarningAction, I18n, LoyaltyProgram } from "@plaudit/core";
import { useId } from "preact/hooks";
import { type HistoryRow, historyLabelKey } from "../member-progress.ts";
import { signedPoints } from "./format.ts";

const ONCE: readonly EarningAction[] = ["signup", "birthday"];

export interface WaysToEarnProps {
  i18n: I18n;
  program: LoyaltyProgram;
  /** Members see done / to do on one-time actions; guests see no status. */
  done?: Set<EarningAction>;
}

export function WaysToEarn({ i18n, program, done }: WaysToEarnProps) {
  const titleId = useId();
  if (!program.earning.length) return null;
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{i18n.t("earn.title")}</h3>
      <ul class="plaudit-loyalty-rows">
        {program.earning.map((way) => {
          const once = done && ONCE.includes(way.action);
          const isDone = once && done.has(way.action);
          return (
            <li key={way.action}>
              <span class="plaudit-loyalty-row-main">
                <span>{way.label}</span>
                <span class="plaudit-loyalty-muted">{signedPoints(i18n, way.points)}</span>
              </span>
              {once && (
                <span class={`plaudit-loyalty-tag${isDone ? " plaudit-loyalty-tag--done" : ""}`}>
                  {i18n.t(isDone ? "earn.done" : "earn.todo")}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function HistoryList({ i18n, history }: { i18n: I18n; history: readonly HistoryRow[] }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId}>
      <h3 id={titleId}>{i18n.t("history.title")}</h3>
      {history.length === 0 ? (
        <p class="plaudit-loyalty-muted">{i18n.t("history.empty")}</p>
      ) : (
        <ul class="plaudit-loyalty-rows">
          {history.map((row) => {
            const key = historyLabelKey(row);
            return (
              <li key={row.id}>
                <span class="plaudit-loyalty-row-main">
                  <span>{key ? i18n.t(key) : row.reason}</span>
                  <time class="plaudit-loyalty-muted" dateTime={row.createdAt}>
                    {i18n.formatDate(row.createdAt)}
                  </time>
                </span>
                <span class="plaudit-loyalty-delta">{signedPoints(i18n, row.delta)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
