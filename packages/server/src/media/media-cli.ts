import { MediaSettingsPatch } from "@plaudit/contract";
import * as v from "valibot";
import { appendCliAudit } from "../audit/audit-log.ts";
import { CliError } from "../cli-error.ts";
import type { Database } from "../db/database.ts";
import { transaction } from "../db/transaction.ts";
import { requireStore } from "../keys/keys-cli.ts";
import { loadMediaSettings, saveMediaSettings } from "./admin-media.ts";

// `plaudit-server media settings --store ID [--quota SIZE|default] [--hold-unverified on|off]`:
// the store's upload rules, as GET/PUT /v1/admin/media/settings, for an operator on the machine.

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** "5GB", "500 MB", "1048576", "default" (null) → bytes; undefined when it is none of these. */
export function parseSize(text: string): number | null | undefined {
  if (text.trim().toLowerCase() === "default") return null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb)?\s*$/i.exec(text);
  if (!match) return undefined;
  return Math.round(Number(match[1]) * (UNITS[(match[2] ?? "").toLowerCase()] ?? 1));
}

const human = (bytes: number) => {
  for (const unit of ["TB", "GB", "MB", "KB"]) {
    const size = UNITS[unit.toLowerCase()] as number;
    if (bytes >= size) return `${Math.round((bytes / size) * 10) / 10} ${unit}`;
  }
  return `${bytes} B`;
};

export async function mediaSettingsCommand(
  db: Database,
  args: { store: string | undefined; quota?: string; holdUnverified?: string; json: boolean; now?: Date },
): Promise<string> {
  const storeId = await requireStore(db, args.store);
  const patch: Record<string, unknown> = {};
  if (args.quota !== undefined) {
    const bytes = parseSize(args.quota);
    if (bytes === undefined)
      throw new CliError(
        `--quota ${JSON.stringify(args.quota)}: give bytes, a size such as 10GB, or default`,
      );
    patch.quotaBytes = bytes;
  }
  if (args.holdUnverified !== undefined) {
    if (args.holdUnverified !== "on" && args.holdUnverified !== "off")
      throw new CliError("--hold-unverified takes on or off");
    patch.holdUnverifiedMedia = args.holdUnverified === "on";
  }
  if (Object.keys(patch).length > 0) {
    const parsed = v.safeParse(MediaSettingsPatch, patch);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      throw new CliError(`${v.getDotPath(issue) ?? "settings"} ${issue.message}`);
    }
    const now = args.now ?? new Date();
    await transaction(db, async (tx) => {
      await saveMediaSettings(tx, storeId, parsed.output);
      await appendCliAudit(tx, storeId, "media.settings.save", storeId, now);
    });
  }
  const settings = await loadMediaSettings(db, storeId);
  if (args.json) return `${JSON.stringify(settings)}\n`;
  const quota =
    settings.quotaBytes === null
      ? `${human(settings.defaultQuotaBytes)} (the default)`
      : `${human(settings.quotaBytes)} (${settings.quotaBytes} bytes)`;
  return (
    `Store ${storeId}:\n` +
    `  upload quota      ${quota}\n` +
    `  used              ${human(settings.usedBytes)} (${settings.usedBytes} bytes)\n` +
    `  hold unverified   ${settings.holdUnverifiedMedia ? "on: photos and videos of reviewers without a verified purchase wait for a moderator" : "off: shown with the review"}\n`
  );
}
