import { describe, expect, it } from "vitest";
import { type AttributionEvent, attributeTask, noneAttributed } from "./script-attribution.ts";

// Plaudit's script attributed by URL (bench/script-attribution.ts), on hand-made tasks: trace
// events as Chromium writes them (µs), outermost first.
const PLAUDIT = "http://127.0.0.1:1234/chunks/paint-abc12345.js";
const PAGE = "http://127.0.0.1:1234/demo/shop.js";
const ev = (name: string, ts: number, dur: number, url?: string): AttributionEvent => ({
  name,
  ts,
  dur,
  tdur: dur / 2,
  ...(url ? { args: { data: { url } } } : {}),
});

describe("attributeTask", () => {
  it("counts a timer whose callback is Plaudit's whole, with the microtasks beside the call, once", () => {
    const into = noneAttributed();
    const ours = attributeTask(
      [
        ev("ThreadControllerImpl::RunTask", 0, 5000),
        ev("TimerFire", 10, 4000),
        ev("FunctionCall", 20, 3000, PLAUDIT),
        ev("ParseAuthorStyleSheet", 30, 1000),
        ev("RunMicrotasks", 3100, 800),
      ],
      into,
    );
    expect(ours).toBe(true);
    expect(into.named).toEqual({ wall: 4, cpu: 2 });
    // What ScriptDuration sees of it: the call, not the continuations after it.
    expect(into.calls).toEqual({ wall: 3, cpu: 1.5 });
    expect(into.byKind.timers).toBe(2);
    expect(into.unnamed).toEqual({ wall: 0, cpu: 0 });
  });

  it("leaves the page's own script out, and splits an event that runs both", () => {
    const into = noneAttributed();
    const ours = attributeTask(
      [
        ev("ThreadControllerImpl::RunTask", 0, 10_000),
        ev("EventDispatch", 0, 9000),
        ev("FunctionCall", 100, 4000, PAGE),
        ev("FunctionCall", 5000, 2000, PLAUDIT),
      ],
      into,
    );
    expect(ours).toBe(true);
    expect(into.named).toEqual({ wall: 2, cpu: 1 });
    expect(into.byKind["other callbacks"]).toBe(1);
  });

  it("puts continuations that name no script apart, and the page's alone are not Plaudit's", () => {
    const into = noneAttributed();
    const ours = attributeTask(
      [
        ev("BlinkScheduler_PerformMicrotaskCheckpoint", 0, 3000),
        ev("RunMicrotasks", 0, 3000),
        ev("ParseHTML", 100, 2000),
      ],
      into,
    );
    expect(ours).toBe(false);
    expect(into.unnamed).toEqual({ wall: 3, cpu: 1.5 });
    expect(into.named).toEqual({ wall: 0, cpu: 0 });

    const page = noneAttributed();
    attributeTask([ev("ThreadControllerImpl::RunTask", 0, 2000), ev("EvaluateScript", 0, 1500, PAGE)], page);
    expect(page).toEqual(noneAttributed());
  });
});
