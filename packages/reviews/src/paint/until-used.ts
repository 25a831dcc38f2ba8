// A painted widget is markup without code: nothing answers a click until the widget's chunk has
// mounted over it. This waits for the shopper to reach for the widget, holds the clicks that need
// code, and does them again once the code is there, so the first click is never lost.

// Signs the shopper is about to use the widget: a pointer over it, a touch, focus inside, a key.
const INTENT = ["pointerover", "pointerdown", "touchstart", "focusin", "keydown"] as const;
// A field's value changed (`change` does not leave the shadow root: listened for on the root).
const CHANGED = ["input", "change"] as const;
// What a click on needs the widget's code. Links and text work without it: their clicks pass.
const NEEDS_CODE =
  'button,summary,input[type="checkbox"],input[type="radio"],[role="button"],[role="tab"],[role="checkbox"],[role="radio"],[role="switch"],[role="menuitem"],[role="option"]';
// Where typing goes (a ticked box is a click, held above; a file input cannot be set by code).
const FIELDS =
  'input:not([type="checkbox"],[type="radio"],[type="file"],[type="button"],[type="submit"],[type="reset"]),select,textarea';

type Field = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

/**
 * A field's value as its markup wrote it (what a form's reset puts back): read at hand-over, not
 * noted when painting, since parts of the painted head (the toolbar) come in a few frames later
 * (cards-later.ts).
 */
function markupValue(field: Field): string {
  if (!("options" in field)) return field.defaultValue;
  const options = [...field.options];
  return (options.find((option) => option.defaultSelected) ?? options[0])?.value ?? "";
}

export interface UntilUsed {
  used: Promise<void>;
  /** Stops holding clicks; answers the replay to run once the widget's code has mounted. */
  handOver(): () => void;
  /** Stops listening. */
  stop(): void;
}

export function untilUsed(host: HTMLElement, root: ShadowRoot): UntilUsed {
  let markUsed!: () => void;
  const used = new Promise<void>((resolve) => {
    markUsed = resolve;
  });
  const held: HTMLElement[] = [];
  const onIntent = () => markUsed();
  const onClick = (event: Event) => {
    const action = (event.target as Element | null)?.closest?.<HTMLElement>(NEEDS_CODE);
    if (!action) return;
    // Its default (a checkbox ticking, a form submitting) would happen without the code seeing it.
    event.preventDefault();
    event.stopPropagation();
    if (!held.includes(action)) held.push(action);
    markUsed();
  };
  const listen = { capture: true, passive: true } as const;
  for (const type of INTENT) host.addEventListener(type, onIntent, listen);
  // A value changed with no pointer, focus or key first (autofill, an assistive tool, a script
  // driving the page) is use too: else the widget's code never comes to hear of it.
  for (const type of CHANGED) root.addEventListener(type, onIntent, listen);
  root.addEventListener("click", onClick, true);
  const stop = () => {
    for (const type of INTENT) host.removeEventListener(type, onIntent, listen);
    for (const type of CHANGED) root.removeEventListener(type, onIntent, listen);
    root.removeEventListener("click", onClick, true);
  };
  return {
    used,
    stop,
    handOver() {
      stop();
      // Typed or chosen before the code came (a value other than the markup's): Preact's hydration
      // keeps what the markup says of the value (a textarea's it even resets), and the widget's
      // state never heard of it.
      const typed = [...root.querySelectorAll<Field>(FIELDS)]
        .filter((field) => field.value !== markupValue(field))
        .map((field) => [field, field.value] as const);
      return () => {
        for (const [field, value] of typed) {
          if (!field.isConnected) continue;
          field.value = value;
          field.dispatchEvent(new Event("input", { bubbles: true, composed: true }));
          field.dispatchEvent(new Event("change", { bubbles: true }));
        }
        for (const action of held) if (action.isConnected) action.click();
      };
    },
  };
}
