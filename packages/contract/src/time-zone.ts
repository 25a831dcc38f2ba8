import * as v from "valibot";

// The store's days. A merchant in Los Angeles or Sydney reads "Tuesday" as their own Tuesday, not
// UTC's: the overview's range and weeks and the audit log's days start at midnight in the store's
// time zone (an IANA name such as "America/Los_Angeles"; "UTC" when the store names none). The
// server and the admin app both count days with these functions, so the two never disagree.

/** The zone of a store that names none. */
export const DEFAULT_TIME_ZONE = "UTC";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string): Intl.DateTimeFormat {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(timeZone, format);
  }
  return format;
}

/** Whether this runtime knows `name` as a time zone (IANA, e.g. "Europe/Berlin"). */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return false;
  try {
    dayFormat(name);
    return true;
  } catch {
    return false;
  }
}

/** The calendar day (YYYY-MM-DD) that instant `at` falls on in `timeZone`. */
export function dayIn(at: Date | number, timeZone: string): string {
  const parts = dayFormat(timeZone).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The calendar day `days` after `day` (YYYY-MM-DD; negative goes back). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY).toISOString().slice(0, 10);
}

/**
 * The first instant of calendar day `day` in `timeZone`: its midnight, or — where a clock change
 * skips midnight (America/Santiago springs from 00:00 to 01:00) — the first minute it has.
 */
export function startOfDay(day: string, timeZone: string): Date {
  // Zones are at most 14 hours either side of UTC: the start lies within a day of UTC's midnight.
  const utcMidnight = Date.parse(`${day}T00:00:00.000Z`) / MINUTE;
  let before = utcMidnight - 15 * 60; // still the day before
  let after = utcMidnight + 15 * 60; // already `day` or later
  while (after - before > 1) {
    const middle = Math.floor((before + after) / 2);
    if (dayIn(middle * MINUTE, timeZone) < day) before = middle;
    else after = middle;
  }
  return new Date(after * MINUTE);
}

/** A store's time zone as the API takes it: an IANA name the server knows. */
export const TimeZone = v.pipe(
  v.string(),
  v.check(isTimeZone, "must be a time zone such as Europe/Berlin or America/Los_Angeles"),
);
