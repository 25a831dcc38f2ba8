import type { I18n, Review, VoteValue } from "@plaudit/core";
import { Button, Stars, ThumbDownIcon, ThumbUpIcon, VisuallyHidden } from "@plaudit/ui";
import { useState } from "preact/hooks";
import { ThumbnailStrip } from "../media/thumbnail-strip.tsx";
import { starsLabel } from "./labels.ts";
import { ReviewMeta } from "./review-meta.tsx";

/** Bodies longer than this are cut at a word boundary until the shopper asks for the rest. */
export const READ_MORE_AFTER = 400;

export function excerpt(body: string, max = READ_MORE_AFTER): string {
  if (body.length <= max) return body;
  const cut = body.slice(0, max);
  const space = cut.search(/\s\S*$/);
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export interface ReviewCardProps {
  review: Review;
  i18n: I18n;
  myVote: VoteValue | undefined;
  onVote(review: Review, value: VoteValue): void;
  /** The API base media URLs are resolved against (they may be root-relative). */
  mediaBase?: string;
  /** Opens the lightbox on the review's media at `index`; focus returns to `button`. */
  onOpenMedia?(review: Review, index: number, button: HTMLElement): void;
}

/** One review: rating, title, text (with "Read more"), author, date, media, reply, helpful votes. */
export function ReviewCard({ review, i18n, myVote, onVote, mediaBase, onOpenMedia }: ReviewCardProps) {
  const { t } = i18n;
  const [expanded, setExpanded] = useState(false);
  const long = review.body.length > READ_MORE_AFTER;
  const id = `plaudit-review-${review.id}`;
  const author = review.author.name;
  return (
    <article class="plaudit-review" id={id} tabIndex={-1} aria-labelledby={`${id}-title`}>
      <div class="plaudit-review__head">
        <Stars value={review.rating} label={starsLabel(i18n, review.rating)} />
        {review.title ? (
          <h3 class="plaudit-review__title" id={`${id}-title`} dir="auto">
            {review.title}
          </h3>
        ) : (
          <h3 class="plaudit-visually-hidden" id={`${id}-title`}>
            {t("review.by", { author })}
          </h3>
        )}
      </div>
      <ReviewMeta
        review={review}
        i18n={i18n}
        block="plaudit-review"
        verifiedClass="plaudit-badge"
        author={author}
      />
      {/* Shoppers write in their own language: an English review on a Hebrew page (or the
          reverse) keeps its own direction and punctuation. */}
      <p class="plaudit-review__body" id={`${id}-body`} dir="auto">
        {expanded || !long ? review.body : excerpt(review.body)}
      </p>
      {long && (
        // Named with the review's heading too ("Read more Great gift"): a list of the page's
        // buttons has one of these per long review, each saying which (WCAG 2.4.6).
        <Button
          variant="quiet"
          class="plaudit-review__more"
          id={`${id}-more`}
          aria-labelledby={`${id}-more ${id}-title`}
          aria-expanded={expanded}
          aria-controls={`${id}-body`}
          onClick={() => setExpanded(!expanded)}
        >
          {t(expanded ? "review.readLess" : "review.readMore")}
        </Button>
      )}
      {review.media.length > 0 && (
        <ThumbnailStrip
          media={review.media}
          author={author}
          i18n={i18n}
          mediaBase={mediaBase}
          onOpen={onOpenMedia && ((index, button) => onOpenMedia(review, index, button))}
        />
      )}
      {review.reply && (
        <div class="plaudit-reply">
          <p class="plaudit-reply__head">
            {t("review.reply")} ·{" "}
            <time dateTime={review.reply.createdAt}>{i18n.formatDate(review.reply.createdAt)}</time>
          </p>
          <p class="plaudit-reply__body" dir="auto">
            {review.reply.body}
          </p>
        </div>
      )}
      <fieldset class="plaudit-votes">
        <legend class="plaudit-votes__question">{t("votes.question")}</legend>
        {/* Named with the review's heading after their own words ("Yes, helpful 3 Great gift"),
            as Read more is: a list of the page's buttons says which review each votes on
            (WCAG 2.4.6), and the visible count stays in the name (2.5.3). The space keeps the
            words and the count apart in the name ("helpful3" would not contain the text). */}
        <Button
          variant="quiet"
          id={`${id}-up`}
          aria-labelledby={`${id}-up ${id}-title`}
          aria-pressed={myVote === "up"}
          onClick={() => onVote(review, "up")}
        >
          <ThumbUpIcon />
          <VisuallyHidden>{t("votes.up")}</VisuallyHidden>{" "}
          <span class="plaudit-votes__count">{i18n.formatNumber(review.helpful.up)}</span>
        </Button>
        <Button
          variant="quiet"
          id={`${id}-down`}
          aria-labelledby={`${id}-down ${id}-title`}
          aria-pressed={myVote === "down"}
          onClick={() => onVote(review, "down")}
        >
          <ThumbDownIcon />
          <VisuallyHidden>{t("votes.down")}</VisuallyHidden>{" "}
          <span class="plaudit-votes__count">{i18n.formatNumber(review.helpful.down)}</span>
        </Button>
      </fieldset>
    </article>
  );
}
