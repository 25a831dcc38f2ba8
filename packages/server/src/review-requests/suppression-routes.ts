import {
  SuppressionQuery,
  SuppressionRequest,
  SuppressionResult,
  type SuppressionStatus,
  SuppressionStatus as SuppressionStatusSchema,
} from "@plaudit/contract";
import type { Context } from "hono";
import { type AuditAction, type AuditEvent, appendAudit, auditEvent } from "../audit/audit-log.ts";
import type { AppEnv, RouteModule } from "../context.ts";
import { type Tx, transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import {
  addressAuditTarget,
  addressHash,
  isHashErased,
  liftHash,
  lockAddress,
  normalizeAddress,
  suppressHash,
  suppressionOf,
} from "../suppression/index.ts";
import { parseOrFail, parseQuery } from "../validation.ts";
import { stopRequestsTo } from "./stop-requests.ts";

// The merchant's hand on the suppression list: a shopper who unsubscribed by the mailto link, or
// wrote "stop emailing me", reaches a person at the shop, who stops (or later resumes) review
// requests to that address here. The list holds the store's keyed hashes (suppression/), so it is
// asked about one address at a time and cannot be listed. The address is hashed exactly as the
// one-click unsubscribe hashes it (addressHash: trimmed, lower case), so both name the same entry.

const NO_STORE = { "Cache-Control": "no-store" };
const STOPPED_WHY = "the merchant stopped review requests to this address";

/** Where the address stands on the store's list, read inside `tx`. */
async function statusOf(tx: Tx, storeId: string, email: string, hash: string): Promise<SuppressionStatus> {
  const entry = await suppressionOf(tx, storeId, hash);
  const erased = entry?.reason === "erased" || (await isHashErased(tx, storeId, hash));
  return {
    email: normalizeAddress(email),
    suppressed: entry !== undefined,
    reason: entry?.reason ?? null,
    since: entry?.since ?? null,
    liftable: entry !== undefined && !erased,
    auditTarget: addressAuditTarget(hash),
  };
}

const ANA = { email: "ana@example.com" };
const NOT_AN_ADDRESS = { summary: "not an address", body: { email: "ana at example" }, status: 422 };

export const reviewRequestSuppressionRoutes: RouteModule = {
  name: "review-requests-suppressions",
  register(app, ctx) {
    // The same scope as the other review-request admin routes (the owner's; keys granted it).
    const gate = requireScope("requests:manage");
    const path = "/v1/admin/review-requests/suppressions";

    /**
     * The write's address (its body) and audit event, and one transaction holding the address
     * (suppression/address-lock.ts) for `work`.
     */
    const holdingTheAddress = async <T>(
      c: Context<AppEnv>,
      action: AuditAction,
      work: (held: { tx: Tx; audit: AuditEvent; email: string; hash: string }) => Promise<T>,
    ): Promise<T> => {
      const { email } = parseOrFail(SuppressionRequest, await readJsonBody(c));
      const audit = auditEvent(c, ctx, action, "");
      return transaction(ctx.db, async (tx) => {
        const hash = await addressHash(tx, audit.storeId, email, audit.at);
        await lockAddress(ctx.db, tx, audit.storeId, hash);
        return work({ tx, audit, email, hash });
      });
    };

    app.get(
      path,
      describeRoute({
        summary:
          "Whether review requests to an address are stopped (ask by address: the list holds keyed hashes)",
        description:
          "The suppression list keeps the store's keyed hash of each address, never the address, so it cannot be listed: ask about one address. Compared without case or surrounding space.",
        query: SuppressionQuery,
        responses: { 200: SuppressionStatusSchema },
        errors: [422],
        examples: [
          { summary: "an address", query: ANA, status: 200 },
          { summary: "not an address", query: { email: "ana" }, status: 422 },
        ],
      }),
      gate,
      async (c) => {
        const { email } = parseQuery(c, SuppressionQuery);
        const storeId = c.get("store").id;
        const status = await transaction(ctx.db, async (tx) =>
          statusOf(tx, storeId, email, await addressHash(tx, storeId, email, ctx.clock().toISOString())),
        );
        return c.json(status, 200, NO_STORE);
      },
    );

    app.post(
      path,
      describeRoute({
        summary: "Stop review requests to an address (idempotent); its requests not yet done stop now",
        description:
          "Puts the address on the store's suppression list, as the one-click unsubscribe does, and in the same transaction marks its scheduled, failed and sent (reminder pending) requests suppressed, so nothing more is mailed to it. Stopping an address already stopped changes nothing and records nothing.",
        body: SuppressionRequest,
        responses: { 200: SuppressionResult },
        errors: [400, 413, 422],
        examples: [{ summary: "stop an address", body: ANA, status: 200 }, NOT_AN_ADDRESS],
      }),
      gate,
      async (c) => {
        // One at a time with a message taking its place to go out (send.ts): that one either went
        // ahead before this stop, or finds the address stopped and sends nothing.
        const result = await holdingTheAddress(c, "suppression.add", async ({ tx, audit, email, hash }) => {
          // Whether this call changed anything, from the writes themselves (not a read before them):
          // of the same stop sent twice at once, one adds and stops, the other finds it done.
          const added = await suppressHash(tx, {
            storeId: audit.storeId,
            addressHash: hash,
            reason: "unsubscribed",
            at: audit.at,
          });
          const stopped = await stopRequestsTo(tx, audit.storeId, hash, STOPPED_WHY);
          if (added || stopped > 0) await appendAudit(tx, { ...audit, target: addressAuditTarget(hash) });
          return { ...(await statusOf(tx, audit.storeId, email, hash)), stopped };
        });
        return c.json(result, 200, NO_STORE);
      },
    );

    app.post(
      `${path}/lift`,
      describeRoute({
        summary:
          "Resume review requests to an address (the shopper asked to be asked again); never an erased person's",
        description:
          "Takes the address off the store's suppression list: later orders are asked again (requests stopped before stay stopped). An erased person's address is refused with 409: erasure keeps them off the mailing for good, and an address typed by the merchant is no request from that person. An address not on the list answers 200 and records nothing.",
        body: SuppressionRequest,
        responses: { 200: SuppressionStatusSchema },
        errors: [400, 409, 413, 422],
        examples: [
          { summary: "an address not on the list", body: { email: "bo@example.com" }, status: 200 },
          NOT_AN_ADDRESS,
        ],
      }),
      gate,
      async (c) => {
        // One at a time with an erasure of the person (privacy/erase.ts): between this read and
        // the write below it could make the address an erased person's, which is never lifted.
        const status = await holdingTheAddress(c, "suppression.lift", async ({ tx, audit, email, hash }) => {
          const before = await statusOf(tx, audit.storeId, email, hash);
          if (!before.suppressed) return before;
          if (!before.liftable)
            throw new ApiError(
              409,
              "conflict",
              "this address belongs to an erased person: it stays off review requests for good",
            );
          if (await liftHash(tx, audit.storeId, hash))
            await appendAudit(tx, { ...audit, target: addressAuditTarget(hash) });
          return statusOf(tx, audit.storeId, email, hash);
        });
        return c.json(status, 200, NO_STORE);
      },
    );
  },
};
