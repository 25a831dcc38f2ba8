import type { VoteResponse, VoteInput as VoteSubmission } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

/**
 * Records one voter's vote on a published review (a second vote replaces the first) and sets the
 * review's counts from the votes table, in one transaction. On PostgreSQL the review row is
 * locked first, so concurrent voters on one review count one after another and none is lost.
 */
export async function castVote(
  ctx: AppContext,
  storeId: string,
  reviewId: string,
  vote: VoteSubmission,
): Promise<VoteResponse> {
  const value = vote.value === "up" ? 1 : -1;
  return transaction(ctx.db, async (tx) => {
    let find = tx
      .selectFrom("reviews")
      .select("id")
      .where("id", "=", reviewId)
      .where("store_id", "=", storeId)
      .where("status", "=", "published");
    if (ctx.db.kind === "postgres") find = find.forUpdate();
    if (!(await find.executeTakeFirst())) {
      throw new ApiError(404, "review_not_found", "no published review with this id");
    }

    await tx
      .insertInto("review_votes")
      .values({ review_id: reviewId, voter: vote.voter, value, created_at: ctx.clock().toISOString() })
      .onConflict((oc) => oc.columns(["review_id", "voter"]).doUpdateSet({ value }))
      .execute();

    const counts = await tx
      .selectFrom("review_votes")
      .select((eb) => [
        eb.fn.sum<number>(eb.case().when("value", "=", 1).then(1).else(0).end()).as("up"),
        eb.fn.sum<number>(eb.case().when("value", "=", -1).then(1).else(0).end()).as("down"),
      ])
      .where("review_id", "=", reviewId)
      .executeTakeFirstOrThrow();
    const up = Number(counts.up ?? 0);
    const down = Number(counts.down ?? 0);
    await tx
      .updateTable("reviews")
      .set({ helpful_up: up, helpful_down: down, helpful_score: up - down })
      .where("id", "=", reviewId)
      .execute();
    return { up, down };
  });
}
