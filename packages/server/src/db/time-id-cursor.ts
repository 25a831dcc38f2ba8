// Keyset paging newest first by (time, id) — the audit log, the photo gallery, review requests: a
// cursor is base64url JSON [time, id] of the page's last row, so rows added meanwhile cause
// neither duplicates nor gaps. (The review lists' cursors also carry their sort: reviews/cursor.ts.)

export interface TimeId {
  at: string;
  id: string;
}

export function encodeTimeIdCursor(row: TimeId): string {
  return Buffer.from(JSON.stringify([row.at, row.id])).toString("base64url");
}

/** The row a cursor names, or undefined when it is not one of ours. */
export function decodeTimeIdCursor(cursor: string): TimeId | undefined {
  if (cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2) {
      const [at, id] = value;
      if (typeof at === "string" && typeof id === "string" && at.length <= 64 && id.length <= 200)
        return { at, id };
    }
  } catch {
    // not a cursor of ours
  }
  return undefined;
}
