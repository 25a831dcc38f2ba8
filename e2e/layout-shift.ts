// Cumulative Layout Shift of a page so far, as Chromium reports it (buffered layout-shift
// entries, shifts right after input excluded), with what moved — for a message worth reading.
import type { Page } from "playwright-core";
import { type ExpectStatic, expect } from "vitest";

export interface LayoutShift {
  total: number;
  moved: string[];
}

/** Every layout shift since the page began, collected until the page has been still a moment. */
export function layoutShift(page: Page): Promise<LayoutShift> {
  type Shift = PerformanceEntry & {
    value: number;
    hadRecentInput: boolean;
    sources: { node?: Node; previousRect: DOMRectReadOnly; currentRect: DOMRectReadOnly }[];
  };
  return page.evaluate(
    () =>
      new Promise<LayoutShift>((done) => {
        const result = { total: 0, moved: [] as string[] };
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as Shift[]) {
            if (entry.hadRecentInput) continue;
            result.total += entry.value;
            for (const source of entry.sources) {
              // A text node, a node in a shadow root or one since removed has no markup to show:
              // say where it moved instead.
              const { x, y, width, height } = source.previousRect;
              const to = source.currentRect;
              result.moved.push(
                (source.node as Element)?.outerHTML?.slice(0, 80) ??
                  `${source.node?.nodeName ?? "a hidden node"} ${width}×${height} at ${x},${y} → ${to.width}×${to.height} at ${to.x},${to.y}`,
              );
            }
          }
        }).observe({ type: "layout-shift", buffered: true });
        // Two frames and a beat: entries of the last frames are delivered, nothing is timed.
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => done(result), 500)));
      }),
  );
}

/**
 * CLS 0 so far (layoutShift), failing with what moved. `expectOf`: a concurrent test's own expect.
 */
export async function expectNoLayoutShift(page: Page, expectOf: ExpectStatic = expect): Promise<void> {
  const shift = await layoutShift(page);
  expectOf(shift.total, `moved: ${shift.moved.join(" | ")}`).toBe(0);
}
