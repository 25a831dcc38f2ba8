// A 1–5 star picker as an APG radio group: one tab stop (roving tabindex), arrows move and select
// and wrap, Home/End jump to the ends, Space selects the focused star. Left/Right follow the
// reading direction, so in RTL Left means "next star".
import type { Rating } from "@plaudit/core";
import type { ComponentChildren } from "preact";
import { useId, useRef } from "preact/hooks";

const RATINGS: readonly Rating[] = [1, 2, 3, 4, 5];
const STAR = "M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z";

export interface RatingInputProps {
  /** The chosen rating, or null before the shopper picks one. */
  value: Rating | null;
  onChange(value: Rating): void;
  /** Visible label of the group, e.g. "Your rating". */
  label: ComponentChildren;
  /** Text alternative of each star, from the caller's messages, e.g. 3 → "3 stars". */
  starLabel(value: Rating): string;
  /** Reading direction; when absent it is read from the computed style (inherits through shadow roots). */
  dir?: "ltr" | "rtl";
  invalid?: boolean;
  /** Id(s) of the element describing the group, typically its error message. */
  describedBy?: string;
  required?: boolean;
  /** Called when focus leaves the whole group (not when it moves between stars). */
  onBlur?(): void;
  id?: string;
  class?: string;
}

const next = (r: number): Rating => ((r % 5) + 1) as Rating;
const previous = (r: number): Rating => (((r + 3) % 5) + 1) as Rating;

/** The element's reading direction, looking through shadow roots to the page's `dir`. */
function readsRightToLeft(el: Element | null): boolean {
  if (!el) return false;
  if (getComputedStyle(el).direction === "rtl") return true;
  for (let node: Node | null = el; node; ) {
    if (node instanceof Element && node.hasAttribute("dir")) return node.getAttribute("dir") === "rtl";
    node = node instanceof ShadowRoot ? node.host : node.parentNode;
  }
  return false;
}

export function RatingInput(props: RatingInputProps) {
  const { value, onChange, label, starLabel, invalid, describedBy, required, onBlur } = props;
  const labelId = useId();
  const groupRef = useRef<HTMLDivElement>(null);
  // The one tab stop: the checked star, or the first when none is.
  const tabStop = value ?? 1;

  const starElement = (rating: Rating) =>
    groupRef.current?.querySelector<HTMLElement>(`[data-rating="${rating}"]`) ?? null;

  const choose = (rating: Rating) => {
    if (rating !== value) onChange(rating);
    starElement(rating)?.focus();
  };

  const isRtl = () => (props.dir ? props.dir === "rtl" : readsRightToLeft(groupRef.current));

  const onKeyDown = (event: KeyboardEvent) => {
    const focused = Number((event.target as HTMLElement).dataset.rating) || tabStop;
    let target: Rating | undefined;
    switch (event.key) {
      case "ArrowRight":
        target = isRtl() ? previous(focused) : next(focused);
        break;
      case "ArrowLeft":
        target = isRtl() ? next(focused) : previous(focused);
        break;
      case "ArrowUp":
        target = next(focused);
        break;
      case "ArrowDown":
        target = previous(focused);
        break;
      case "Home":
        target = 1;
        break;
      case "End":
        target = 5;
        break;
      case " ":
      case "Spacebar":
        target = focused as Rating;
        break;
      default:
        return;
    }
    event.preventDefault();
    choose(target);
  };

  const onFocusOut = (event: FocusEvent) => {
    const to = event.relatedTarget as Node | null;
    if (!to || !groupRef.current?.contains(to)) onBlur?.();
  };

  return (
    <div class={`plaudit-rating-input${props.class ? ` ${props.class}` : ""}`}>
      <span id={labelId} class="plaudit-rating-input-label">
        {label}
      </span>
      <div
        ref={groupRef}
        id={props.id}
        role="radiogroup"
        class="plaudit-rating-input-stars"
        aria-labelledby={labelId}
        aria-describedby={describedBy || undefined}
        aria-invalid={invalid ? "true" : undefined}
        aria-required={required ? "true" : undefined}
        dir={props.dir}
        onKeyDown={onKeyDown}
        onFocusOut={onFocusOut}
      >
        {RATINGS.map((rating) => (
          // biome-ignore lint/a11y/useSemanticElements: APG custom radio; native radios cannot be drawn as stars with mirrored, wrapping arrows
          // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard is handled once on the radiogroup (arrows, Home/End, Space)
          <span
            key={rating}
            role="radio"
            class={`plaudit-rating-input-star${value !== null && rating <= value ? " is-filled" : ""}`}
            data-rating={rating}
            aria-checked={value === rating ? "true" : "false"}
            aria-label={starLabel(rating)}
            tabIndex={rating === tabStop ? 0 : -1}
            onClick={() => choose(rating)}
          >
            <svg viewBox="0 0 24 24" width="28" height="28" aria-hidden="true" focusable="false">
              <path d={STAR} />
            </svg>
          </span>
        ))}
      </div>
    </div>
  );
}
