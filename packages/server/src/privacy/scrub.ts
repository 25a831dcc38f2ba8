import type { Person } from "./person.ts";

/** What an erased person's name becomes, on their reviews and wherever their texts named them. */
export const FORMER_CUSTOMER = "Former customer";
/** What an erased address becomes inside free text. */
export const REMOVED_ADDRESS = "[address removed]";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A name counts as a word of its own: "Ann" is scrubbed from "Thanks Ann!", not from "Annual".
const word = (s: string) => `(?<![\\p{L}\\p{N}_])${escapeRegExp(s)}(?![\\p{L}\\p{N}_])`;

/**
 * Replaces the person's addresses and names (each full name, and each part of it of 3 letters or
 * more) in a text they wrote or that was written about them. Case-insensitive; longest first, so a
 * full name goes as one.
 */
export function textScrubber(person: Pick<Person, "emails" | "names">): (text: string) => string {
  const parts = new Set<string>();
  for (const name of person.names) {
    const trimmed = name.trim();
    if (trimmed.length >= 2) parts.add(trimmed);
    for (const part of trimmed.split(/[\s,.'’-]+/u)) if ([...part].length >= 3) parts.add(part);
  }
  const names = [...parts].sort((a, b) => b.length - a.length);
  const emails = [...person.emails].sort((a, b) => b.length - a.length);
  const emailPattern = emails.length > 0 ? new RegExp(emails.map(escapeRegExp).join("|"), "giu") : undefined;
  const namePattern = names.length > 0 ? new RegExp(names.map(word).join("|"), "giu") : undefined;
  return (text) => {
    let out = text;
    if (emailPattern) out = out.replace(emailPattern, REMOVED_ADDRESS);
    if (namePattern) out = out.replace(namePattern, FORMER_CUSTOMER);
    return out;
  };
}

/**
 * A stored JSON document (an idempotent answer, a job's payload) with the person taken out: every
 * string that is one of their customer ids becomes its pseudonym, every other string is scrubbed.
 */
export function scrubJson(
  json: string,
  scrub: (text: string) => string,
  pseudonyms: ReadonlyMap<string, string>,
): string {
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return pseudonyms.get(value) ?? scrub(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  try {
    return JSON.stringify(walk(JSON.parse(json)));
  } catch {
    return scrub(json);
  }
}
