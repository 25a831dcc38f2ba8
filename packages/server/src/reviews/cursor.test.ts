import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor } from "./cursor.ts";

const row = { created_at: "2026-01-01T00:00:00.000Z", id: "abc", rating: 4, helpful_score: -2, has_media: 1 };

describe("review list cursors", () => {
  it("round-trip the sort key values of the last row", () => {
    expect(decodeCursor("highest", encodeCursor("highest", row))).toEqual([4, row.created_at, "abc"]);
    expect(decodeCursor("helpful", encodeCursor("helpful", row))).toEqual([-2, row.created_at, "abc"]);
  });

  it("refuse a cursor made for another sort", () => {
    expect(decodeCursor("newest", encodeCursor("highest", row))).toBeUndefined();
  });

  it.each(["", "!!!", "bm90IGpzb24", Buffer.from('{"s":"newest","v":[1,2]}').toString("base64url")])(
    "refuse the forged or broken cursor %j",
    (cursor) => {
      expect(decodeCursor("newest", cursor)).toBeUndefined();
    },
  );
});
