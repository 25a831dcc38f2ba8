import type { VoteResponse, VoteInput as VoteSubmission } from "@plaudit/contract";
import type { AppContext } from "../context.ts";
import { transaction } from "../db/transaction.ts";
import { ApiError } from "../errors.ts";

/**
 * Records one voter's vote on a published review (a second vote replaces the first) and sets the
 * review's counts from the votes table, in one transaction. On PostgreSQL the review row is
 * locked first, so concurrent voters on one review count one after another and none is lost.
 * `voter` is who the vote counts for (vote-identity.ts), not the body's `voter` string; with
 * `counted` false (over the address's velocity limit) the answer is the counts as they stand.
 */
export async function castVote(
  ctx: AppContext,
  storeId: string,
  reviewId: string,
  vote: Pick<VoteSubmission, "value">,
  options: { voter: string; counted: boolean },
): Promise<VoteResponse> {
  const value = vote.value === "up" ? 1 : -1;
  const voter = options.voter;
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
    if (!options.counted) {
      const row = await tx
        .selectFrom("reviews")
        .select(["helpful_up", "helpful_down"])
        .where("id", "=", reviewId)
        .executeTakeFirstOrThrow();
      return { up: Number(row.helpful_up), down: Number(row.helpful_down) };
    }

    await tx
      .insertInto("review_votes")
      .values({ review_id: reviewId, voter, value, created_at: ctx.clock().toISOString() })
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
