import type { Reward, StoredProgram } from "@plaudit/contract";
import type { Tx } from "../db/transaction.ts";
import { validationFailed } from "../errors.ts";

// A reward's id is never given to a different reward: customers' redemptions name it (their
// history, the privacy export, the code the merchant's webhook issued for it), and a shop page
// still showing the old program redeems by id. So a reward the program no longer has may only
// come back as the same reward (same kind, value and product; its name and cost may change, as
// they may while it stays) — anything else needs a new id.
//
// How the server knows an id was used: the redemptions table, not a list of retired ids kept
// with the program. Redemptions are what reuse would re-label, and they already hold the reward
// as it was redeemed (their `reward` snapshot), kept even when the customer is erased (only
// pseudonymized); they also know ids removed before this check existed, which a new list would
// not. An id removed without ever being redeemed labels nothing, so it is free again.

export const REUSED_REWARD_ID =
  "is the id of a removed reward customers redeemed: a different reward needs a new id";

/** What a reward gives the customer: what its id must keep meaning. */
const gives = (r: Pick<Reward, "kind" | "value" | "productId">) =>
  JSON.stringify([r.kind, r.value, r.productId ?? null]);

/**
 * Refuses (422 by field, `rewards.<i>.id`) a save that gives the id of a removed, redeemed reward
 * to a different reward. `currentIds`: the rewards of the program as stored now (kept ids are
 * edits, not reuse). Runs in the save's transaction, after the program row was read.
 */
export async function refuseReusedRewardIds(
  tx: Tx,
  storeId: string,
  currentIds: ReadonlySet<string>,
  program: StoredProgram,
): Promise<void> {
  const refused: Record<string, string> = {};
  for (const [index, reward] of program.rewards.entries()) {
    if (currentIds.has(reward.id)) continue;
    // The latest redemption's snapshot: what the id meant last (index 0063).
    const last = await tx
      .selectFrom("loyalty_redemptions")
      .select("reward")
      .where("store_id", "=", storeId)
      .where("reward_id", "=", reward.id)
      .orderBy("created_at", "desc")
      .limit(1)
      .executeTakeFirst();
    if (last && gives(JSON.parse(last.reward) as Reward) !== gives(reward))
      refused[`rewards.${index}.id`] = REUSED_REWARD_ID;
  }
  if (Object.keys(refused).length > 0) throw validationFailed(refused);
}
