import { afterEach, describe, expect, it, vi } from "vitest";
import { jsonLogger } from "./logger.ts";

describe("the JSON logger", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON object per line, level and time first, lines of a turn in one write", async () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    jsonLogger.info({ msg: "request", route: '/v1/"quoted"', status: 200 });
    jsonLogger.info({});
    expect(writes).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.split("\n");
    expect(lines.at(-1)).toBe("");
    const [first, second] = lines.slice(0, -1).map((text) => JSON.parse(text));
    expect(Object.keys(first)).toEqual(["level", "time", "msg", "route", "status"]);
    expect(first).toMatchObject({ level: "info", msg: "request", route: '/v1/"quoted"', status: 200 });
    expect(new Date(first.time).toISOString()).toBe(first.time);
    expect(second).toEqual({ level: "info", time: expect.any(String) });
  });

  it("writes an error at once, after what was pending", () => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    jsonLogger.info({ msg: "before" });
    jsonLogger.error({ msg: "broke" });
    expect(writes).toHaveLength(1);
    expect(
      writes[0]!
        .trim()
        .split("\n")
        .map((text) => JSON.parse(text).msg),
    ).toEqual(["before", "broke"]);
  });
});
