import { pointsFor } from "@plaudit/contract";
import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ensureBalanceRow, postEntry } from "./ledger.ts";
import type { StoredProgram } from "./program.ts";

// Birthday points, once a year, by a sweep the merchant's cron (or the admin route) runs daily.
// A birthday counts for 30 days, so a few missed runs still award it; the year is the ledger
// reference, so it is never awarded twice for one year.

const CATCH_UP_DAYS = 30;
export const BIRTHDAY = /^(?:\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** "MM-DD" from "MM-DD" or "YYYY-MM-DD" (the year is dropped: we don't need it). */
export function normalizeBirthday(input: string): string | undefined {
  const match = BIRTHDAY.exec(input);
  if (!match) return undefined;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const longest = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= longest ? `${match[1]}-${match[2]}` : undefined;
}

/** The birthday in a given year (29 February falls on the 28th outside leap years), UTC midnight. */
function birthdayIn(year: number, monthDay: string): Date {
  const [month, day] = monthDay.split("-").map(Number) as [number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return new Date(Date.UTC(year, month - 1, month === 2 && day === 29 && !leap ? 28 : day));
}

export async function setBirthday(
  ctx: AppContext,
  storeId: string,
  customerId: string,
  birthday: string | null,
  audit: AuditEvent,
) {
  await transaction(ctx.db, async (tx) => {
    await ensureBalanceRow(tx, storeId, customerId, ctx.clock().toISOString());
    await tx
      .updateTable("loyalty_balances")
      .set({ birthday })
      .where("store_id", "=", storeId)
      .where("customer_id", "=", customerId)
      .execute();
    await appendAudit(tx, audit);
  });
}

export async function birthdaySweep(
  ctx: AppContext,
  storeId: string,
  program: StoredProgram,
): Promise<number> {
  const points = pointsFor(program, "birthday");
  if (points <= 0) return 0;
  const now = ctx.clock();
  const rows = await ctx.db.kysely
    .selectFrom("loyalty_balances")
    .select(["customer_id", "birthday"])
    .where("store_id", "=", storeId)
    .where("birthday", "is not", null)
    .execute();
  let awarded = 0;
  for (const row of rows) {
    if (!row.birthday) continue;
    for (const year of [now.getUTCFullYear() - 1, now.getUTCFullYear()]) {
      const day = birthdayIn(year, row.birthday).getTime();
      if (day > now.getTime() || now.getTime() - day > CATCH_UP_DAYS * 86_400_000) continue;
      const result = await transaction(ctx.db, (tx) =>
        postEntry(tx, {
          storeId,
          customerId: row.customer_id,
          delta: points,
          action: "birthday",
          reference: String(year),
          reason: "Happy birthday!",
          at: now.toISOString(),
        }),
      );
      if (result.posted) awarded += 1;
    }
  }
  return awarded;
}
