// The review beside the media in the lightbox: stars, title, author, date and the whole text, or
// a quiet note while a gallery item's review loads; and the link to the product when there is one.
import type { I18n, Review } from "@plaudit/core";
import { Stars } from "@plaudit/ui";
import { ReviewMeta } from "../reviews/review-meta.tsx";

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
      <Stars value={review.rating} label={t("stars.label", { rating })} />
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
