// Stops the host page scrolling behind a modal dialog, and gives the page back exactly as it was.
// The page is not ours: we touch only two inline properties of <html>, remember their previous
// values, and restore them when the last lock is released (two dialogs may overlap briefly).

let locks = 0;
let saved: { overflow: string; gutter: string } | null = null;

/** Locks page scrolling; returns the release function (safe to call more than once). */
export function lockPageScroll(doc: Document = document): () => void {
  const html = doc.documentElement;
  if (locks === 0) {
    saved = {
      overflow: html.style.getPropertyValue("overflow"),
      gutter: html.style.getPropertyValue("scrollbar-gutter"),
    };
    const win = doc.defaultView;
    // A classic scrollbar takes width; hiding it would shift the whole page sideways.
    // `scrollbar-gutter: stable` keeps its space reserved while overflow is hidden.
    const hasScrollbar = win !== null && win.innerWidth - html.clientWidth > 0;
    if (hasScrollbar && !saved.gutter) html.style.setProperty("scrollbar-gutter", "stable");
    html.style.setProperty("overflow", "hidden");
  }
  locks++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    locks--;
    if (locks > 0 || !saved) return;
    restore(html, "overflow", saved.overflow);
    restore(html, "scrollbar-gutter", saved.gutter);
    saved = null;
  };
}

function restore(el: HTMLElement, property: string, value: string): void {
  if (value) el.style.setProperty(property, value);
  else el.style.removeProperty(property);
  if (el.getAttribute("style") === "") el.removeAttribute("style");
}
