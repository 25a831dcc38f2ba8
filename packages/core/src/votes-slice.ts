// "Was this review helpful?": the count moves the moment the shopper clicks, and moves back if
// the server refuses.
import type { Review, VoteValue } from "./api-types.ts";
import { isGone } from "./errors.ts";
import { saveMyVotes } from "./my-votes.ts";
import type { PlauditActions, PlauditState, ReviewListState, SliceContext } from "./store-types.ts";

type Helpful = Review["helpful"];

/** Applies `change` to every list the review sits in (it can sit in several). */
function inLists(state: PlauditState, reviewId: string, change: (list: ReviewListState) => ReviewListState) {
  const reviewLists = { ...state.reviewLists };
  for (const [key, list] of Object.entries(reviewLists))
    if (list.items.some((review) => review.id === reviewId)) reviewLists[key] = change(list);
  return reviewLists;
}

const withHelpful = (state: PlauditState, reviewId: string, change: (helpful: Helpful) => Helpful) =>
  inLists(state, reviewId, (list) => ({
    ...list,
    items: list.items.map((review) =>
      review.id === reviewId ? { ...review, helpful: change(review.helpful) } : review,
    ),
  }));

/** The review out of every list it sits in (one fewer in each total). */
const without = (state: PlauditState, reviewId: string) =>
  inLists(state, reviewId, (list) => ({
    ...list,
    items: list.items.filter((review) => review.id !== reviewId),
    total: Math.max(0, list.total - 1),
    removed: (list.removed ?? 0) + 1,
  }));

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
        // 404 review_not_found (API.md): the merchant removed it after the page loaded. It leaves
        // the lists shown, so nobody votes on it again.
        if (isGone(error)) api.setState((state) => ({ reviewLists: without(state, review.id) }));
        throw error;
      }
      ctx.events.emit("review:voted", { store: config.store, reviewId: review.id, value });
    },
  };
}
