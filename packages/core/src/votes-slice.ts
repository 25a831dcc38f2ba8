// "Was this review helpful?": the count moves the moment the shopper clicks, and moves back if
// the server refuses.
import type { Review, VoteValue } from "./api-types.ts";
import { saveMyVotes } from "./my-votes.ts";
import type { PlauditActions, PlauditState, SliceContext } from "./store-types.ts";

type Helpful = Review["helpful"];

/** Applies `change` to the helpful counts of every copy of the review (it can sit in several lists). */
function withHelpful(state: PlauditState, reviewId: string, change: (helpful: Helpful) => Helpful) {
  const reviewLists = { ...state.reviewLists };
  for (const [key, list] of Object.entries(reviewLists)) {
    if (!list.items.some((review) => review.id === reviewId)) continue;
    reviewLists[key] = {
      ...list,
      items: list.items.map((review) =>
        review.id === reviewId ? { ...review, helpful: change(review.helpful) } : review,
      ),
    };
  }
  return reviewLists;
}

const shift = (helpful: Helpful, from: VoteValue | undefined, to: VoteValue | undefined): Helpful => {
  const next = { ...helpful };
  if (from) next[from] = Math.max(0, next[from] - 1);
  if (to) next[to] += 1;
  return next;
};

export function votesSlice(ctx: SliceContext): Pick<PlauditActions, "vote"> {
  const { api } = ctx;
  return {
    async vote(config, review, value) {
      const previous = api.getState().myVotes[review.id];
      if (previous === value) return;
      const setVote = (vote: VoteValue | undefined, counts: (helpful: Helpful) => Helpful) =>
        api.setState((state) => {
          const myVotes = { ...state.myVotes };
          delete myVotes[review.id];
          if (vote) myVotes[review.id] = vote;
          saveMyVotes(ctx.storage, myVotes);
          return { myVotes, reviewLists: withHelpful(state, review.id, counts) };
        });

      setVote(value, (helpful) => shift(helpful, previous, value));
      try {
        const counts = await ctx.client(config).vote(review.id, value, ctx.voterId(), ctx.customerToken());
        // The server's counts include other shoppers' votes since the list loaded.
        api.setState((state) => ({ reviewLists: withHelpful(state, review.id, () => counts) }));
      } catch (error) {
        // Only roll back if no later vote on this review has replaced ours in the meantime.
        if (api.getState().myVotes[review.id] === value)
          setVote(previous, (helpful) => shift(helpful, value, previous));
        throw error;
      }
      ctx.events.emit("review:voted", { store: config.store, reviewId: review.id, value });
    },
  };
}
