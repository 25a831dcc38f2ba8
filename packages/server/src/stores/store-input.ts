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

export const NewStoreInput = v.object({
  id: v.pipe(v.string(), v.regex(STORE_ID, `must be ${STORE_ID_RULE}`)),
  name: text(1, 200, "a name"),
  allowedOrigins: v.pipe(
    v.array(v.pipe(v.string(), v.check(isOriginEntry, "must be an origin such as https://shop.example"))),
    v.maxLength(50, "at most 50 origins"),
  ),
  /** The zone its days are counted in (the admin's overview and audit log); default UTC. */
  timeZone: v.optional(TimeZone),
});
