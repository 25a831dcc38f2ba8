import { describe, expect, it } from "vitest";
import { createGraceQueue } from "./grace.ts";

function manualTimers() {
  const timers = new Map<number, () => void>();
  let next = 0;
  return {
    setTimer: (fn: () => void) => {
      timers.set(++next, fn);
      return next;
    },
    clearTimer: (id: unknown) => timers.delete(id as number),
    fireAll: () => {
      for (const [id, fn] of [...timers]) {
        timers.delete(id);
        fn();
      }
    },
  };
}

describe("the grace period", () => {
  it("sends an action only when its time is up", () => {
    const timers = manualTimers();
    const sent: string[] = [];
    const queue = createGraceQueue({ ...timers });
    queue.schedule({ id: "a", send: async () => void sent.push("a") });
    expect(sent).toEqual([]);
    timers.fireAll();
    expect(sent).toEqual(["a"]);
    expect(queue.waiting()).toEqual([]);
  });

  it("drops an undone action: nothing is sent", () => {
    const timers = manualTimers();
    const sent: string[] = [];
    const queue = createGraceQueue({ ...timers });
    queue.schedule({ id: "a", send: async () => void sent.push("a") });
    expect(queue.undo("a")).toBe(true);
    timers.fireAll();
    expect(sent).toEqual([]);
    expect(queue.undo("a")).toBe(false);
  });

  it("sends everything waiting at once when flushed, with keepalive", async () => {
    const timers = manualTimers();
    const sent: [string, boolean][] = [];
    const queue = createGraceQueue({ ...timers });
    queue.schedule({ id: "a", send: async (k) => void sent.push(["a", k]) });
    queue.schedule({ id: "b", send: async (k) => void sent.push(["b", k]) });
    await queue.flush(true);
    expect(sent).toEqual([
      ["a", true],
      ["b", true],
    ]);
    timers.fireAll();
    expect(sent).toHaveLength(2);
  });
});
