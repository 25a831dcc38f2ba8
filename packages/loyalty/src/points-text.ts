import type { I18n } from "@plaudit/core";
import { wordsIn } from "./program-in-locale.ts";

// An amount of points as a shopper reads it. A program that names its points (pointsName: "Stars",
// "Bonusmeilen") gets its own word after the number in the shopper's number format — "650 Stars" —
// since a merchant's word comes without plural forms or translations; the generic name ("points",
// the default) is spoken in the shopper's language with the right plural ("1 Punkt", "650 Punkte").

const GENERIC = new Set(["point", "points", "pts", "pts."]);

/** "650 points" in the shopper's language and number format, or "650 Stars" for a named currency. */
export function pointsText(i18n: I18n, points: number, pointsName?: string | null): string {
  const name = pointsName?.trim();
  if (!name || GENERIC.has(name.toLowerCase())) return i18n.plural("points.count", points);
  return `${i18n.formatNumber(points)} ${name}`;
}

type Named = { pointsName?: string; pointsNames?: Partial<Record<string, string>> };

/**
 * The name to count in, in the shopper's language (`locale`; "Sterne" for "Stars") when the
 * merchant wrote one: the member's answer first — it is fresher than the program's, which a shared
 * cache may hold for a minute after the merchant renames the points.
 */
export function pointsNameOf(locale: string, member: Named | undefined, program: Named | undefined) {
  const named = member?.pointsName !== undefined ? member : program;
  return named?.pointsName === undefined ? undefined : wordsIn(locale, named.pointsName, named.pointsNames);
}
