// The review beside the media in the lightbox: stars, title, author, date and the whole text, or
// a quiet note while a gallery item's review loads; and the link to the product when there is one.
import type { I18n, Review } from "@plaudit/core";
import { ReviewMeta } from "../reviews/review-meta.tsx";

// Drawn here rather than with ui's <Stars>: a Preact component shared with the reviews chunk gets
// grouped with the star badge's code by the build, and the collection page would load Preact.
const STAR = "M12 2.5l2.94 5.96 6.56.95-4.75 4.63 1.12 6.54L12 17.5l-5.87 3.08 1.12-6.54L2.5 9.41l6.56-.95z";

function Rating({ value, label }: { value: number; label: string }) {
  return (
    <span class="plaudit-lightbox__stars" role="img" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <svg
          key={n}
          class={n <= value ? "is-filled" : undefined}
          width="16"
          height="16"
          viewBox="0 0 24 24"
          aria-hidden="true"
          focusable="false"
        >
          <path d={STAR} fill="currentColor" />
        </svg>
      ))}
    </span>
  );
}

export interface LightboxReviewProps {
  i18n: I18n;
  review: Review | "loading" | "missing" | undefined;
  /** "View the product" link target. */
  href?: string;
}

export function LightboxReview({ i18n, review, href }: LightboxReviewProps) {
  const { t } = i18n;
  const link = href && (
    <a class="plaudit-lightbox__product" href={href}>
      {t("lightbox.viewProduct")}
    </a>
  );
  if (typeof review !== "object") {
    return (
      <div class="plaudit-lightbox__review">
        {review && (
          <p class="plaudit-lightbox__note">
            {t(review === "loading" ? "lightbox.loadingReview" : "lightbox.reviewMissing")}
          </p>
        )}
        {link}
      </div>
    );
  }
  const rating = i18n.formatNumber(review.rating);
  return (
    <div class="plaudit-lightbox__review">
      <Rating value={review.rating} label={t("stars.label", { rating })} />
      {review.title && (
        <h3 class="plaudit-lightbox__title" dir="auto">
          {review.title}
        </h3>
      )}
      <ReviewMeta
        review={review}
        i18n={i18n}
        block="plaudit-lightbox"
        verifiedClass="plaudit-lightbox__verified"
      />
      <p class="plaudit-lightbox__body" dir="auto">
        {review.body}
      </p>
      {link}
    </div>
  );
}
