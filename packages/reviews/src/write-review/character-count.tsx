// The review text's character count. The visible "1,234 / 5,000" updates on every keystroke but is
// hidden from screen readers; they hear the count only when it matters (the last 10 % of the limit,
// or over it), and only once the shopper pauses typing — never a number per keystroke.
import type { I18n } from "@plaudit/core";
import { useEffect, useState } from "preact/hooks";

/** Pause after the last keystroke before the remaining count is announced. */
export const ANNOUNCE_AFTER_MS = 1000;

export interface CharacterCountProps {
  /** Id of a static "Up to N characters." hint for the field's aria-describedby. */
  id: string;
  count: number;
  max: number;
  i18n: I18n;
}

export function CharacterCount({ id, count, max, i18n }: CharacterCountProps) {
  const remaining = max - count;
  const over = remaining < 0;
  const nearLimit = remaining <= Math.ceil(max / 10);
  const spoken = !nearLimit
    ? ""
    : over
      ? i18n.plural("body.over", -remaining)
      : i18n.plural("body.remaining", remaining);
  const [announcement, setAnnouncement] = useState("");

  useEffect(() => {
    const timer = setTimeout(() => setAnnouncement(spoken), ANNOUNCE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [spoken]);

  return (
    <div class={`plaudit-write-review-count${over ? " is-over" : ""}`}>
      <span id={id} class="plaudit-visually-hidden">
        {i18n.t("body.limit", { max: i18n.formatNumber(max) })}
      </span>
      <span aria-hidden="true">
        {over
          ? i18n.plural("body.over", -remaining)
          : i18n.t("body.count", { count: i18n.formatNumber(count), max: i18n.formatNumber(max) })}
      </span>
      <span class="plaudit-visually-hidden" aria-live="polite">
        {announcement}
      </span>
    </div>
  );
}
