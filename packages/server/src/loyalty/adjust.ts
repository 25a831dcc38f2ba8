import { type AuditEvent, appendAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { type IdempotentRequest, requestHash, respondOnce, type StoredResponse } from "./idempotency.ts";
import { postEntry } from "./ledger.ts";

export interface Adjustment {
  customerId: string;
  delta: number;
  reason: string;
}

/**
 * The merchant adds or removes points by hand: one ledger row, idempotent by Idempotency-Key
 * (which is also the row's reference). Removing more than the balance is 422 insufficient_points.
 */
export async function adjustPoints(
  ctx: AppContext,
  storeId: string,
  key: string,
  input: Adjustment,
  audit: AuditEvent,
): Promise<StoredResponse> {
  const at = ctx.clock().toISOString();
  const req: IdempotentRequest = {
    storeId,
    scope: "adjustment",
    key,
    customerId: "",
    requestHash: requestHash("adjustment", "", input),
    at,
  };
  return respondOnce(ctx, req, async (tx) => {
    const posted = await postEntry(tx, {
      storeId,
      customerId: input.customerId,
      delta: input.delta,
      action: "adjustment",
      reference: key,
      reason: input.reason,
      at,
    });
    if (!posted.posted) throw new Error("an adjustment's key was used twice without its idempotency row");
    await appendAudit(tx, audit);
    return {
      response: {
        status: 201,
        body: JSON.stringify({
          id: posted.id,
          customerId: input.customerId,
          delta: input.delta,
          reason: input.reason,
          balance: posted.balance,
          createdAt: at,
        }),
      },
    };
  });
}
