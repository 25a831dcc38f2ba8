// Its own file: the JSON-LD manager uses it, and a page that only shows painted widgets loads
// no more of core than this.

/** A JSON object (not null, not an array): error bodies, kept votes, JSON-LD nodes. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
