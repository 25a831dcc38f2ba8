import {
  RequestSettings,
  RequestSettingsAnswer,
  ReviewRequest,
  ReviewRequestMetrics,
  ReviewRequestPage,
  ReviewRequestQuery,
} from "@plaudit/contract";
import type { Context } from "hono";
import type { Selectable } from "kysely";
import type { AuditAction } from "../audit/audit-log.ts";
import { auditedRowWrite, auditedWrite } from "../audit/audited-write.ts";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { decodeTimeIdCursor } from "../db/time-id-cursor.ts";
import type { Tx } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { runJobAt } from "../jobs/index.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { NOT_A_CURSOR, parseOrFail, parseQuery } from "../validation.ts";
import { themeProblems } from "./page/page-colors.ts";
import { adminRequests, listRequests, requestMetrics } from "./request-list.ts";
import type { ReviewRequestStatus, ReviewRequestsTable } from "./request-tables.ts";
import { SEND_JOB, type SendPayload, sendJobKey } from "./schedule.ts";
import { defaultSettings, loadSettings, saveSettings } from "./settings.ts";

const NO_STORE = { "Cache-Control": "no-store" };
const requestId = { id: { description: "The review request's id" } };
const NO_REQUEST = "no review request with this id in this store";
const UNKNOWN_REQUEST = {
  summary: "a request that does not exist",
  params: { id: "rq-unknown" },
  status: 404,
};

/** Whether this server can mail requests (send.ts also needs the from address, which saving requires). */
const mailReady = (ctx: AppContext) => Boolean(ctx.mailer && ctx.publicUrl);

/** What "send now" may send; what "cancel" may no longer cancel. */
const SENDABLE: ReviewRequestStatus[] = ["scheduled", "failed"];
const FINAL: ReviewRequestStatus[] = ["reviewed", "suppressed"];

/**
 * 409 when the request's status changed between our read and our write so that the write no
 * longer applies (on PostgreSQL a worker may send it meanwhile: "send now" must not set a sent
 * request back to scheduled and mail it twice). The writes below are conditional on the same rule
 * as the check before them.
 */
const changedMeanwhile = () =>
  new ApiError(409, "conflict", "this request changed meanwhile: read it again and retry");

/** The request `id` of this store, as the send and cancel routes change it. */
const requestOfStore = (tx: Tx, storeId: string, id: string) =>
  tx
    .selectFrom("review_requests")
    .selectAll()
    .where("id", "=", id)
    .where("store_id", "=", storeId)
    .executeTakeFirst();

/** The merchant's side of review requests: settings, the list, send now, cancel, the funnel. */
export const reviewRequestAdminRoutes: RouteModule = {
  name: "review-requests-admin",
  register(app, ctx) {
    const gate = requireScope("requests:manage");
    /** A write on the request `:id` of this store, audited (404 when the store has none). */
    const requestWrite = <T>(
      c: Context<AppEnv>,
      action: AuditAction,
      write: (tx: Tx, found: Selectable<ReviewRequestsTable>, id: string) => Promise<T>,
    ) => auditedRowWrite(c, ctx, { action, load: requestOfStore, notFound: NO_REQUEST, write });

    app.get(
      "/v1/admin/review-requests/settings",
      describeRoute({
        summary: "Review-request settings (off until the merchant turns them on)",
        responses: { 200: RequestSettingsAnswer },
        examples: [{ summary: "the settings", status: 200 }],
      }),
      gate,
      async (c) => {
        const store = c.get("store");
        const settings = (await loadSettings(ctx.db.kysely, store.id)) ?? defaultSettings();
        return c.json({ ...settings, mailReady: mailReady(ctx) }, 200, NO_STORE);
      },
    );

    app.put(
      "/v1/admin/review-requests/settings",
      describeRoute({
        summary: "Replace the review-request settings (turning them on needs PLAUDIT_PUBLIC_URL)",
        body: RequestSettings,
        responses: { 200: RequestSettingsAnswer },
        errors: [400, 413, 422],
        examples: [
          {
            summary: "off, with a sender",
            body: { enabled: false, delayDays: 7, from: { name: "Demo shop", email: "hello@shop.example" } },
            status: 200,
          },
          {
            summary: "a delay past 60 days",
            body: { enabled: false, delayDays: 90, from: { name: "Demo shop", email: "hello@shop.example" } },
            status: 422,
          },
        ],
      }),
      gate,
      async (c) => {
        const settings = parseOrFail(RequestSettings, await readJsonBody(c));
        // Every refusal at once, each by its field: the merchant fixes them in one go.
        const refused = {
          ...(settings.enabled && !ctx.publicUrl
            ? { enabled: "needs PLAUDIT_PUBLIC_URL on the server: the origin of the email's links" }
            : {}),
          ...themeProblems(settings.theme),
        };
        if (Object.keys(refused).length > 0) throw validationFailed(refused);
        await auditedWrite(c, ctx, "review_requests.settings.save", c.get("store").id, (tx, storeId) =>
          saveSettings(tx, storeId, settings, ctx.clock().toISOString()),
        );
        return c.json({ ...settings, mailReady: mailReady(ctx) }, 200, NO_STORE);
      },
    );

    app.get(
      "/v1/admin/review-requests/metrics",
      describeRoute({
        summary: "The request funnel: scheduled, sent, failed, clicked, reviewed (all time)",
        responses: { 200: ReviewRequestMetrics },
        examples: [{ summary: "the funnel", status: 200 }],
      }),
      gate,
      async (c) => c.json(await requestMetrics(ctx.db, c.get("store").id), 200, NO_STORE),
    );

    app.get(
      "/v1/admin/review-requests",
      describeRoute({
        summary: "Review requests, newest first, 50 a page",
        query: ReviewRequestQuery,
        responses: { 200: ReviewRequestPage },
        errors: [422],
        examples: [
          { summary: "requests sent and not yet reviewed", query: { status: "sent" }, status: 200 },
          { summary: "an unknown status", query: { status: "lost" }, status: 422 },
        ],
      }),
      gate,
      async (c) => {
        const cursor = c.req.query("cursor") || undefined;
        const after = cursor === undefined ? undefined : decodeTimeIdCursor(cursor);
        const { status } = parseQuery(c, ReviewRequestQuery, {
          alsoBad: cursor !== undefined && !after ? NOT_A_CURSOR : {},
        });
        const page = await listRequests(ctx.db, {
          storeId: c.get("store").id,
          ...(status ? { status } : {}),
          ...(after ? { after } : {}),
        });
        return c.json(page, 200, NO_STORE);
      },
    );

    // Send now: a scheduled or failed request goes out at the job runner's next turn.
    app.post(
      "/v1/admin/review-requests/:id/send",
      describeRoute({
        summary: "Send a scheduled or failed request now",
        params: requestId,
        responses: { 202: { schema: ReviewRequest, description: "Queued" } },
        errors: [404, 409],
        examples: [UNKNOWN_REQUEST],
      }),
      gate,
      async (c) => {
        const now = ctx.clock();
        const row = await requestWrite(c, "review_request.send", async (tx, found, id) => {
          if (!SENDABLE.includes(found.status))
            throw new ApiError(
              409,
              "conflict",
              `this request is ${found.status}: only a scheduled or failed one can be sent`,
            );
          const updated = await tx
            .updateTable("review_requests")
            .set({ status: "scheduled", scheduled_for: now.toISOString(), last_error: null })
            .where("id", "=", id)
            .where("status", "in", SENDABLE)
            .returningAll()
            .executeTakeFirst();
          if (!updated) throw changedMeanwhile();
          const payload: SendPayload = { requestId: id, message: "first" };
          // The request's one first-message job, moved to now (queued again if it failed): a job
          // of its own per press ran beside it, in one worker's batch or another worker, and
          // mailed the request once per job.
          await runJobAt(
            tx,
            { kind: SEND_JOB, payload, runAt: now, uniqueKey: sendJobKey(id, "first") },
            now,
          );
          return updated;
        });
        const [request] = await adminRequests(ctx.db, row.store_id, [row]);
        return c.json(request, 202, NO_STORE);
      },
    );

    app.post(
      "/v1/admin/review-requests/:id/cancel",
      describeRoute({
        summary: "Cancel a request: nothing more is sent for it",
        params: requestId,
        responses: { 200: ReviewRequest },
        errors: [404, 409],
        examples: [UNKNOWN_REQUEST],
      }),
      gate,
      async (c) => {
        const row = await requestWrite(c, "review_request.cancel", async (tx, found, id) => {
          if (FINAL.includes(found.status))
            throw new ApiError(409, "conflict", `this request is ${found.status}: nothing is left to cancel`);
          const canceled = await tx
            .updateTable("review_requests")
            .set({ status: "canceled", last_error: found.last_error ?? "canceled by the merchant" })
            .where("id", "=", id)
            .where("status", "not in", FINAL)
            .returningAll()
            .executeTakeFirst();
          if (!canceled) throw changedMeanwhile();
          return canceled;
        });
        const [request] = await adminRequests(ctx.db, row.store_id, [row]);
        return c.json(request, 200, NO_STORE);
      },
    );
  },
};
