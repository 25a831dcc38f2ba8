import { TimeZone, text } from "@plaudit/contract";
import * as v from "valibot";

/** A store's public id: it appears in every widget URL (`/v1/stores/{store}/…`). */
export const STORE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const STORE_ID_RULE =
  "1–63 characters: lowercase letters, digits and dashes, not starting with a dash";

/** An allowed origin: `https://shop.example`, `http://localhost:*` (any port), or `*`. */
export function isOriginEntry(value: string): boolean {
  if (value === "*") return true;
  const anyPort = value.endsWith(":*");
  const base = anyPort ? value.slice(0, -2) : value;
  try {
    const url = new URL(base);
    return (
      (url.protocol === "https:" || url.protocol === "http:") && url.origin === base && !(anyPort && url.port)
    );
  } catch {
    return false;
  }
}

const storeName = text(1, 200, "a name");

/** The origins whose pages may write (reviews, votes, loyalty): store-scope.ts checks them. */
const allowedOrigins = v.pipe(
  v.array(v.pipe(v.string(), v.check(isOriginEntry, "must be an origin such as https://shop.example"))),
  v.maxLength(50, "at most 50 origins"),
);

/** `publish`: reviews appear at once (spam rules still hold some); `hold`: every one waits. */
const moderation = v.picklist(["publish", "hold"], "must be publish or hold");

export const NewStoreInput = v.object({
  id: v.pipe(v.string(), v.regex(STORE_ID, `must be ${STORE_ID_RULE}`)),
  name: storeName,
  allowedOrigins,
  /** The zone its days are counted in (the admin's overview and audit log); default UTC. */
  timeZone: v.optional(TimeZone),
  moderation: v.optional(moderation),
});

/** What `stores update` may change; each part given replaces the store's own. */
export const StoreUpdateInput = v.object({
  name: v.optional(storeName),
  allowedOrigins: v.optional(allowedOrigins),
  moderation: v.optional(moderation),
});
