import { DEFAULT_TIME_ZONE, StoreSettings, StoreSettingsPatch } from "@plaudit/contract";
import { auditedWrite } from "../audit/audited-write.ts";
import type { RouteModule } from "../context.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute } from "../openapi/describe-route.ts";
import { parseOrFail } from "../validation.ts";
import { findStore } from "./store-repo.ts";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The store's own settings: its time zone, the days the admin counts in (the overview's range and
 * weeks, the audit log's days). UTC until an owner names the store's zone.
 */
export const storeSettingsRoutes: RouteModule = {
  name: "store-settings",
  register(app, ctx) {
    const settingsOf = async (storeId: string) => ({
      timeZone: (await findStore(ctx.db, storeId))?.timeZone ?? DEFAULT_TIME_ZONE,
    });

    app.get(
      "/v1/admin/store/settings",
      describeRoute({
        summary: "The store's settings: the time zone its days are counted in",
        responses: { 200: StoreSettings },
        examples: [{ summary: "the settings", status: 200 }],
      }),
      requireScope("reviews:read"),
      async (c) => c.json(await settingsOf(c.get("store").id), 200, NO_STORE),
    );

    app.put(
      "/v1/admin/store/settings",
      describeRoute({
        summary: "Name the store's time zone (an IANA name; null: UTC)",
        description:
          "The overview's days and weeks and the audit log's days start at midnight in this zone, " +
          "daylight saving time included.",
        body: StoreSettingsPatch,
        responses: { 200: StoreSettings },
        errors: [400, 422],
        examples: [
          { summary: "a shop in California", body: { timeZone: "America/Los_Angeles" }, status: 200 },
          { summary: "back to UTC", body: { timeZone: null }, status: 200 },
          { summary: "not a time zone", body: { timeZone: "Mars/Olympus" }, status: 422 },
        ],
      }),
      requireScope("keys:manage"),
      async (c) => {
        const patch = parseOrFail(StoreSettingsPatch, await readJsonBody(c));
        const storeId = c.get("store").id;
        await auditedWrite(c, ctx, "store.settings.save", storeId, (tx) =>
          tx.updateTable("stores").set({ time_zone: patch.timeZone }).where("id", "=", storeId).execute(),
        );
        return c.json(await settingsOf(storeId), 200, NO_STORE);
      },
    );
  },
};
