// Words of the lightbox and the gallery widget. They ship with those chunks (both load on demand
// or on their own pages), not with the reviews chunk every product page loads; German and Hebrew
// each in a chunk of their own, loaded only on a page that speaks them (core's load-catalog.ts).
import type { LoadableCatalogs, Messages } from "@plaudit/core";

const en: Messages = {
  "lightbox.reviewTitle": "Photos and videos from {author}’s review",
  "lightbox.galleryTitle": "Customer photos and videos",
  "lightbox.position": "{n} of {total}",
  "lightbox.previous": "Previous",
  "lightbox.next": "Next",
  "lightbox.close": "Close",
  "lightbox.viewProduct": "View the product",
  "lightbox.loadingReview": "Loading the review…",
  "lightbox.reviewMissing": "The review could not be loaded.",
  "lightbox.mediaMissing": "This photo could not be loaded.",
  "lightbox.videoMissing": "This video could not be loaded.",
  "lightbox.videoUnplayable": "This video cannot be played here.",
  "stars.label": "{rating} out of 5 stars",
  "review.verified": "Verified buyer",
  "review.photo": "Photo {n} from {author}’s review",
  "review.video": "Video {n} from {author}’s review",
  "gallery.label": "Customer photos and videos",
  "gallery.photo": "Customer photo {n}, {stars}",
  "gallery.video": "Customer video {n}, {stars}",
  "gallery.loadMore": "Load more photos",
  "gallery.empty": "No customer photos or videos yet.",
  "gallery.error": "Customer photos could not be loaded.",
  "gallery.loadMoreFailed": "More photos could not be loaded.",
  "gallery.showing": "Showing {shown} photos and videos",
  "gallery.retry": "Try again",
  "gallery.pause": "Pause slideshow",
  "gallery.play": "Play slideshow",
  "gallery.previous": "Previous photos",
  "gallery.next": "Next photos",
};

export const mediaLoadable: LoadableCatalogs = {
  en,
  de: () => import("./media-messages-de.ts").then((module) => module.de),
  he: () => import("./media-messages-he.ts").then((module) => module.he),
};
