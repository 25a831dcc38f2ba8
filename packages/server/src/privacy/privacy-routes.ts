import {
  ErasureResult,
  PersonExport,
  PersonLookup,
  PrivacySubject,
  PrivacySubjectFields,
} from "@plaudit/contract";
import type { Context } from "hono";
import { appendAudit, auditEvent } from "../audit/audit-log.ts";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { describeRoute, type RouteSpec } from "../openapi/describe-route.ts";
import { parseOrFail } from "../validation.ts";
import { deletePendingFiles, flushOldCopies } from "./after-erasure.ts";
import { erasePerson } from "./erase.ts";
import { exportPerson, lookupOf, recordCount } from "./export.ts";
import { findPerson } from "./person.ts";
import { type PrivacyAction, privacyAuditTarget } from "./privacy-audit.ts";

const notFound = () =>
  new ApiError(404, "not_found", "this store holds nothing about this customer id or address");

/** After an erasure committed: media files out of storage, old page copies out of the WAL. */
export async function afterErasure(ctx: AppContext, storeId: string): Promise<void> {
  await deletePendingFiles(ctx.db, ctx.mediaStorage, ctx.logger);
  if (!(await flushOldCopies(ctx.db))) {
    ctx.logger.error({
      msg: "erasure: the SQLite WAL could not be checkpointed; it will be at the next checkpoint",
    });
  }
  // Public reads held in memory may still show the old name.
  ctx.readCache?.invalidate(storeId);
}

function subjectFromQuery(c: Context<AppEnv>) {
  const raw: Record<string, string> = {};
  for (const name of ["customerId", "email", "voter"]) {
    const value = c.req.query(name);
    if (value !== undefined) raw[name] = value;
  }
  return parseOrFail(PrivacySubject, raw);
}

/**
 * The person the query names, their export read, and the read recorded in the audit log as
 * `action` (handing out a person's data, even counted, is recorded like a write): 404 when the
 * store holds nothing about them.
 */
async function readPerson(c: Context<AppEnv>, ctx: AppContext, action: PrivacyAction) {
  const subject = subjectFromQuery(c);
  const storeId = c.get("store").id;
  const person = await findPerson(ctx.db.kysely, storeId, subject);
  const doc = await exportPerson(ctx.db.kysely, storeId, subject, person, ctx.clock());
  if (recordCount(doc) === 0) throw notFound();
  const audit = auditEvent(c, ctx, action, "");
  const target = await privacyAuditTarget(ctx.db.kysely, storeId, subject, person, audit.at);
  await transaction(ctx.db, (tx) => appendAudit(tx, { ...audit, target }));
  c.header("Cache-Control", "no-store");
  return doc;
}

/** What the lookup and the export take and refuse alike: the person, by the query. */
const READ_PERSON: Pick<RouteSpec, "query" | "errors" | "examples"> = {
  query: PrivacySubjectFields,
  errors: [403, 404, 422],
  examples: [
    { summary: "a customer by id", query: { customerId: "c-1001" }, status: 200 },
    { summary: "nobody the store knows", query: { email: "nobody@example.com" }, status: 404 },
    { summary: "neither id nor address", query: {}, status: 422 },
  ],
};

/** GDPR requests: a person's data out (export) or gone (erase), API.md "Privacy". */
export const privacyRoutes: RouteModule = {
  name: "privacy",
  register(app, ctx) {
    app.get(
      "/v1/admin/privacy/lookup",
      describeRoute({
        summary: "Who one person is and how much this store holds about them, counted (no records)",
        description:
          "What the admin's privacy screen shows before a download or an erasure: the ids and " +
          "addresses found to be the person's and their records counted. Recorded in the audit log " +
          "as privacy.lookup (the export, which hands the records out, as privacy.export).",
        ...READ_PERSON,
        responses: { 200: PersonLookup },
      }),
      requireScope("customers:read"),
      async (c) => c.json(lookupOf(await readPerson(c, ctx, "privacy.lookup"))),
    );

    app.get(
      "/v1/admin/privacy/export",
      describeRoute({
        summary: "Everything this store holds about one person, as one JSON document (GDPR art. 15)",
        description:
          "By customerId, email or both (each finds the other through the person's orders and reviews). " +
          "Reviews with their address, orders, loyalty accounts, ledger and redemptions, review " +
          "requests; votes when the shopper's voter id is given. Recorded in the audit log as privacy.export.",
        ...READ_PERSON,
        responses: { 200: PersonExport },
      }),
      requireScope("customers:read"),
      async (c) => c.json(await readPerson(c, ctx, "privacy.export")),
    );

    app.post(
      "/v1/admin/privacy/erase",
      describeRoute({
        summary: "Erase one person: names, addresses and photos gone, sums kept (GDPR art. 17)",
        description:
          'One transaction: names become "Former customer", addresses are removed from reviews, ' +
          "orders, review requests and every copy (search index, stored idempotent answers); the " +
          "ledger, balances and orders keep their amounts under a pseudonymous id; media files of the " +
          "person's reviews are deleted after commit (retried if storage fails); a keyed hash of the " +
          "address joins the suppression list. Erasing again answers 200 with zeros.",
        body: PrivacySubject,
        responses: { 200: ErasureResult },
        errors: [400, 403, 404, 413, 422],
        examples: [
          { summary: "nobody the store knows", body: { email: "nobody@example.com" }, status: 404 },
          { summary: "neither id nor address", body: {}, status: 422 },
        ],
      }),
      requireScope("customers:erase"),
      async (c) => {
        const subject = parseOrFail(PrivacySubject, await readJsonBody(c));
        const storeId = c.get("store").id;
        const erasure = await erasePerson(ctx, storeId, subject, auditEvent(c, ctx, "privacy.erase", ""));
        if (!erasure) throw notFound();
        await afterErasure(ctx, storeId);
        c.header("Cache-Control", "no-store");
        return c.json({ erased: erasure.erased });
      },
    );
  },
};
