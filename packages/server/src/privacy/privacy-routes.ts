import type { Context } from "hono";
import * as v from "valibot";
import { appendAudit, auditEvent } from "../audit/audit-log.ts";
import type { AppContext, AppEnv, RouteModule } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";
import { readJsonBody } from "../http/json-body.ts";
import { requireScope } from "../http/require-scope.ts";
import { LIMITS } from "../limits.ts";
import { parseOrFail, text } from "../validation.ts";
import { deletePendingFiles, flushOldCopies } from "./after-erasure.ts";
import { erasePerson } from "./erase.ts";
import { exportPerson, recordCount } from "./export.ts";
import { findPerson } from "./person.ts";

const EMAIL_MAX = 320;
const email = v.pipe(
  text(3, EMAIL_MAX, "an email address"),
  v.check((s) => /^[^\s@]+@[^\s@]+$/.test(s), "must be an email address"),
);

/** Who a privacy request is about: a customer id, an address, or both; a voter id optionally. */
export const PrivacySubject = v.pipe(
  v.object(
    {
      customerId: v.optional(text(1, 200, "a customer id")),
      email: v.optional(email),
      voter: v.optional(text(1, LIMITS.voterMax, "a voter id")),
    },
    "must be a JSON object",
  ),
  v.check((s) => s.customerId !== undefined || s.email !== undefined, "give a customerId, an email, or both"),
);

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

/** GDPR requests: a person's data out (export) or gone (erase), API.md "Privacy". */
export const privacyRoutes: RouteModule = {
  name: "privacy",
  register(app, ctx) {
    app.get("/v1/admin/privacy/export", requireScope("customers:read"), async (c) => {
      const subject = subjectFromQuery(c);
      const storeId = c.get("store").id;
      const person = await findPerson(ctx.db.kysely, storeId, subject);
      const doc = await exportPerson(ctx.db.kysely, storeId, subject, person, ctx.clock());
      if (recordCount(doc) === 0) throw notFound();
      // Handing out a person's data is recorded like a write (the target is an id, not the address).
      const target = subject.customerId ?? person.customerIds[0] ?? "(address)";
      await transaction(ctx.db, (tx) => appendAudit(tx, auditEvent(c, ctx, "privacy.export", target)));
      c.header("Cache-Control", "no-store");
      return c.json(doc);
    });

    app.post("/v1/admin/privacy/erase", requireScope("customers:erase"), async (c) => {
      const subject = parseOrFail(PrivacySubject, await readJsonBody(c));
      const storeId = c.get("store").id;
      const erasure = await erasePerson(ctx, storeId, subject, auditEvent(c, ctx, "privacy.erase", ""));
      if (!erasure) throw notFound();
      await afterErasure(ctx, storeId);
      c.header("Cache-Control", "no-store");
      return c.json({ erased: erasure.erased });
    });
  },
};
