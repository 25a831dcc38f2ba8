// A review's byline: the author, the verified-buyer badge and the date. The review card and the
// media lightbox show the same one, each with its own class names.
import type { I18n, Review } from "@plaudit/core";
import { CheckIcon } from "@plaudit/ui";

export interface ReviewMetaProps {
  review: Review;
  i18n: I18n;
  /** The block of the class names: `${block}__meta`, `${block}__author`. */
  block: "plaudit-review" | "plaudit-lightbox";
  /** The verified badge's class. */
  verifiedClass: string;
  /** The author as shown (default: the review's author name). */
  author?: string;
}

export function ReviewMeta({ review, i18n, block, verifiedClass, author }: ReviewMetaProps) {
  return (
    <p class={`${block}__meta`}>
      <span class={`${block}__author`} dir="auto">
        {author ?? review.author.name}
      </span>
      {review.verified && (
        <span class={verifiedClass}>
          <CheckIcon />
          {i18n.t("review.verified")}
        </span>
      )}
      <time dateTime={review.createdAt}>{i18n.formatDate(review.createdAt)}</time>
    </p>
  );
}
