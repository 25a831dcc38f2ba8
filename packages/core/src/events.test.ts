import { afterEach, describe, expect, it, vi } from "vitest";
import { createEvents } from "./events.ts";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("events", () => {
  it("calls listeners with the detail until they unsubscribe", () => {
    const events = createEvents();
    const listener = vi.fn();
    const off = events.on("loyalty:updated", listener);
    events.emit("loyalty:updated", { store: "demo", balance: 10 });
    off();
    events.emit("loyalty:updated", { store: "demo", balance: 20 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith({ store: "demo", balance: 10 });
  });

  it("reports a throwing listener on the error event and still calls the others", () => {
    const events = createEvents();
    const boom = new Error("boom");
    const errors = vi.fn();
    const after = vi.fn();
    events.on("error", errors);
    events.on("review:voted", () => {
      throw boom;
    });
    events.on("review:voted", after);
    events.emit("review:voted", { store: "demo", reviewId: "r1", value: "up" });
    expect(after).toHaveBeenCalled();
    expect(errors).toHaveBeenCalledWith({ error: boom });
  });

  it("logs a throwing error listener instead of recursing", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const events = createEvents();
    const calls = vi.fn(() => {
      throw new Error("listener bug");
    });
    events.on("error", calls);
    events.on("widget:mounted", () => {
      throw new Error("first");
    });
    events.emit("widget:mounted", { kind: "stars", element: document.body });
    expect(calls).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log.mock.calls[0]![0]).toMatch(/^\[plaudit\] a listener of "error" threw/);
  });

  it("logs a throwing listener when nobody listens for errors", () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const events = createEvents();
    events.on("review:voted", () => {
      throw new Error("x");
    });
    expect(() => events.emit("review:voted", { store: "demo", reviewId: "r1", value: "up" })).not.toThrow();
    expect(log).toHaveBeenCalledTimes(1);
  });

  it("lets a listener unsubscribe itself during emit without skipping the next", () => {
    const events = createEvents();
    const second = vi.fn();
    const off = events.on("loyalty:updated", () => off());
    events.on("loyalty:updated", second);
    events.emit("loyalty:updated", { store: "demo", balance: 1 });
    expect(second).toHaveBeenCalledTimes(1);
  });
});
