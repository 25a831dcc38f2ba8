// The shopper's own helpful votes, kept across page loads so a vote still shows as pressed after
// a reload (the API counts votes but cannot say which were this voter's). Review ids are opaque
// and unique, so one map serves every store on the page. Storage can throw: then votes live for
// this page only, as before.

import type { VoteValue } from "./api-types.ts";
import { isRecord } from "./errors.ts";

const KEY = "plaudit:votes";
const KEEP = 500;

export function loadMyVotes(storage: () => Storage | undefined): Record<string, VoteValue> {
  try {
    const parsed: unknown = JSON.parse(storage()?.getItem(KEY) ?? "{}");
    const votes: Record<string, VoteValue> = {};
    if (isRecord(parsed)) {
      for (const [id, value] of Object.entries(parsed))
        if (value === "up" || value === "down") votes[id] = value;
    }
    return votes;
  } catch {
    return {};
  }
}

export function saveMyVotes(storage: () => Storage | undefined, votes: Record<string, VoteValue>): void {
  try {
    // Insertion order is vote order: the oldest votes go first when the list is full.
    const kept = Object.entries(votes).slice(-KEEP);
    storage()?.setItem(KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // Full or blocked storage: the vote still counts on the server.
  }
}
