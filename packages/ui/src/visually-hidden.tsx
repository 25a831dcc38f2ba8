import type { ComponentChildren } from "preact";

/** Text for assistive technology only. */
export function VisuallyHidden({ children }: { children?: ComponentChildren }) {
  return <span class="plaudit-visually-hidden">{children}</span>;
}

/**
 * A polite live region that is always in the DOM (screen readers ignore regions inserted with
 * their text). Change `message` to announce it.
 */
export function LiveRegion({ message }: { message: string }) {
  return (
    <div class="plaudit-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {message}
    </div>
  );
}
