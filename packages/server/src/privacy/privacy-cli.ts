import { PrivacySubject } from "@plaudit/contract";
import * as v from "valibot";
import { createApp } from "../app.ts";
import { appendAudit, cliAuditEvent } from "../audit/audit-log.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import type { Logger } from "../logger.ts";
import type { MediaStorage } from "../media/media-storage.ts";
import { findStore } from "../stores/store-repo.ts";
import { deletePendingFiles } from "./after-erasure.ts";
import { erasePerson } from "./erase.ts";
import { exportPerson, recordCount } from "./export.ts";
import { findPerson } from "./person.ts";
import { privacyAuditTarget } from "./privacy-audit.ts";
import { afterErasure } from "./privacy-routes.ts";

export const PRIVACY_USAGE = `  privacy export   everything held about a person, as JSON on stdout:
                   plaudit-server privacy export --store demo --email ana@example.com
  privacy erase    erase a person (API.md "Privacy"); prints the counts as JSON:
                   plaudit-server privacy erase --store demo --customer c-42
                   (--email and --customer may be combined; --voter adds a voter id)
  privacy retry    delete media files earlier erasures could not delete yet
`;

export interface PrivacyCommand {
  action: string | undefined;
  store: string | undefined;
  customer: string | undefined;
  email: string | undefined;
  voter: string | undefined;
}

/**
 * Runs `plaudit-server privacy …`; returns the exit code (0 done, 1 refused, 2 unknown person).
 * `out` is the answer (JSON, often redirected to a file); `refuse` is a refusal, for the
 * terminal, never mistaken for an export in that file.
 */
export async function runPrivacyCommand(
  command: PrivacyCommand,
  deps: {
    db: Database;
    mediaStorage: MediaStorage;
    logger: Logger;
    out: (text: string) => void;
    refuse: (message: string) => void;
  },
): Promise<number> {
  const { db, out, refuse } = deps;
  if (command.action === "retry") {
    const { deleted, failed } = await deletePendingFiles(db, deps.mediaStorage, deps.logger);
    out(`${JSON.stringify({ deleted, failed })}\n`);
    return failed > 0 ? 1 : 0;
  }
  if (command.action !== "export" && command.action !== "erase") {
    refuse(`privacy needs export, erase or retry\n\n${PRIVACY_USAGE}`);
    return 1;
  }
  if (!command.store) {
    refuse("privacy needs --store ID");
    return 1;
  }
  const store = await findStore(db, command.store);
  if (!store) {
    refuse(`no store ${JSON.stringify(command.store)}`);
    return 1;
  }
  const parsed = v.safeParse(PrivacySubject, {
    ...(command.customer !== undefined ? { customerId: command.customer } : {}),
    ...(command.email !== undefined ? { email: command.email } : {}),
    ...(command.voter !== undefined ? { voter: command.voter } : {}),
  });
  if (!parsed.success) {
    refuse(`privacy ${command.action}: ${parsed.issues[0]?.message ?? "give --customer or --email"}`);
    return 1;
  }
  const subject = parsed.output;
  const { ctx } = createApp({ db, mediaStorage: deps.mediaStorage, logger: deps.logger });

  if (command.action === "export") {
    const person = await findPerson(db.kysely, store.id, subject);
    const doc = await exportPerson(db.kysely, store.id, subject, person, ctx.clock());
    if (recordCount(doc) === 0) {
      refuse("this store holds nothing about this customer id or address");
      return 2;
    }
    // Recorded as the admin's download and the API's export are (privacy-audit.ts), before the
    // data is handed out: an export the log does not show never leaves.
    const audit = cliAuditEvent(store.id, "privacy.export", "", ctx.clock());
    const target = await privacyAuditTarget(db.kysely, store.id, subject, person, audit.at);
    await transaction(db, (tx) => appendAudit(tx, { ...audit, target }));
    out(`${JSON.stringify(doc, null, 2)}\n`);
    return 0;
  }

  // Run on the host by its operator: the audit row names the operating-system user (cliAuditEvent).
  const audit = cliAuditEvent(store.id, "privacy.erase", "", ctx.clock());
  const erasure = await erasePerson(ctx, store.id, subject, audit);
  if (!erasure) {
    refuse("this store holds nothing about this customer id or address");
    return 2;
  }
  await afterErasure(ctx, store.id);
  out(`${JSON.stringify({ erased: erasure.erased })}\n`);
  return 0;
}
