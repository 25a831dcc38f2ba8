// The panel a launcher opens in place of the one the page took out with its host (core's
// keptDialog: the copy drawn meanwhile): where the keyboard and each scrolled box stood, as child
// positions from the dialog down, found again in the new dialog (the same state, the same markup).

/** Child positions (elements only) from `from` down to `el`. */
function pathFrom(from: Element, el: Element): number[] {
  const path: number[] = [];
  for (let node = el; node !== from; node = node.parentElement!) {
    path.unshift([...node.parentElement!.children].indexOf(node));
  }
  return path;
}

const at = (from: Element, path: number[]): Element | undefined =>
  path.reduce<Element | undefined>((node, index) => node?.children[index], from);

export interface AsItWas {
  /** The control in `dialog` where the keyboard was in the old one. */
  focus(dialog: Element): HTMLElement | undefined;
  /** Scrolls `dialog`'s boxes as the old one's were. */
  scroll(dialog: Element): void;
}

/** Read from `was` (the old dialog) and the element that had the keyboard. */
export function asItWas(was: Element, focused: Element | null): AsItWas {
  const path = focused && was.contains(focused) ? pathFrom(was, focused) : undefined;
  const boxes = [was, ...was.querySelectorAll("*")]
    .filter((box) => box.scrollTop || box.scrollLeft)
    .map((box) => [pathFrom(was, box), box.scrollLeft, box.scrollTop] as const);
  return {
    focus: (dialog) => (path ? (at(dialog, path) as HTMLElement | undefined) : undefined),
    scroll(dialog) {
      for (const [path, left, top] of boxes) at(dialog, path)?.scrollTo(left, top);
    },
  };
}
