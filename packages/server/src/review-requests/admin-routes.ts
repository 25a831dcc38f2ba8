import type { RouteModule } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError, validationFailed } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { enqueueJob } from "../jobs/index.ts";
import { parseOrFail } from "../validation.ts";
import {
  decodeRequestCursor,
  listRequests,
  REQUEST_STATUSES,
  requestMetrics,
  toAdminRequest,
} from "./request-list.ts";
import type { ReviewRequestStatus } from "./request-tables.ts";
import { SEND_JOB, type SendPayload } from "./schedule.ts";
import { defaultSettings, loadSettings, RequestSettingsInput, saveSettings } from "./settings.ts";

const NO_STORE = { "Cache-Control": "no-store" };

/** The merchant's side of review requests: settings, the list, send now, cancel, the funnel. */
export const reviewRequestAdminRoutes: RouteModule = {
  name: "review-requests-admin",
  register(app, ctx) {
    const gate = requireScope("requests:manage");

    app.get("/v1/admin/review-requests/settings", gate, async (c) => {
      const store = c.get("store");
      return c.json(
        (await loadSettings(ctx.db.kysely, store.id)) ?? defaultSettings(store.name),
        200,
        NO_STORE,
      );
    });

    app.put("/v1/admin/review-requests/settings", gate, async (c) => {
      const settings = parseOrFail(RequestSettingsInput, await readJsonBody(c));
      if (settings.enabled && !ctx.publicUrl)
        throw validationFailed({
          enabled: "needs PLAUDIT_PUBLIC_URL on the server: the origin of the email's links",
        });
      await saveSettings(ctx.db.kysely, c.get("store").id, settings, ctx.clock().toISOString());
      return c.json(settings, 200, NO_STORE);
    });

    app.get("/v1/admin/review-requests/metrics", gate, async (c) => {
      return c.json(await requestMetrics(ctx.db, c.get("store").id), 200, NO_STORE);
    });

    app.get("/v1/admin/review-requests", gate, async (c) => {
      const fields: Record<string, string> = {};
      const status = c.req.query("status");
      if (status !== undefined && !(REQUEST_STATUSES as readonly string[]).includes(status))
        fields.status = `must be one of ${REQUEST_STATUSES.join(", ")}`;
      const cursor = c.req.query("cursor");
      const after = cursor ? decodeRequestCursor(cursor) : undefined;
      if (cursor && !after) fields.cursor = "is not a cursor of this list; start again without it";
      if (Object.keys(fields).length > 0) throw validationFailed(fields);
      const page = await listRequests(ctx.db, {
        storeId: c.get("store").id,
        ...(status ? { status: status as ReviewRequestStatus } : {}),
        ...(after ? { after } : {}),
      });
      return c.json(page, 200, NO_STORE);
    });

    // Send now: a scheduled or failed request goes out at the next turn of the job runner.
    app.post("/v1/admin/review-requests/:id/send", gate, async (c) => {
      const storeId = c.get("store").id;
      const id = c.req.param("id");
      const now = ctx.clock();
      const row = await transaction(ctx.db, async (tx) => {
        const found = await tx
          .selectFrom("review_requests")
          .selectAll()
          .where("id", "=", id)
          .where("store_id", "=", storeId)
          .executeTakeFirst();
        if (!found) throw new ApiError(404, "not_found", "no review request with this id in this store");
        if (found.status !== "scheduled" && found.status !== "failed")
          throw new ApiError(
            409,
            "conflict",
            `this request is ${found.status}: only a scheduled or failed one can be sent`,
          );
        const updated = await tx
          .updateTable("review_requests")
          .set({ status: "scheduled", scheduled_for: now.toISOString(), last_error: null })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
        const payload: SendPayload = { requestId: id, message: "first" };
        // A job of its own (the scheduled one, if still waiting, finds the request sent and stops).
        await enqueueJob(tx, { kind: SEND_JOB, payload, runAt: now }, now);
        return updated;
      });
      return c.json(toAdminRequest(row), 202, NO_STORE);
    });

    app.post("/v1/admin/review-requests/:id/cancel", gate, async (c) => {
      const storeId = c.get("store").id;
      const id = c.req.param("id");
      const row = await transaction(ctx.db, async (tx) => {
        const found = await tx
          .selectFrom("review_requests")
          .selectAll()
          .where("id", "=", id)
          .where("store_id", "=", storeId)
          .executeTakeFirst();
        if (!found) throw new ApiError(404, "not_found", "no review request with this id in this store");
        if (found.status === "canceled") return found;
        if (found.status === "reviewed" || found.status === "suppressed")
          throw new ApiError(409, "conflict", `this request is ${found.status}: nothing is left to cancel`);
        return tx
          .updateTable("review_requests")
          .set({ status: "canceled", last_error: "canceled by the merchant" })
          .where("id", "=", id)
          .returningAll()
          .executeTakeFirstOrThrow();
      });
      return c.json(toAdminRequest(row), 200, NO_STORE);
    });
  },
};
