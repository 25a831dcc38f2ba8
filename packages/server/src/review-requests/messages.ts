// The words of review-request emails and the hosted review page, in English, German and Hebrew.
// None of them depends on a rating: every shopper is asked the same way, for an honest review,
// good or bad (16 CFR 465).

import type { RequestLocale } from "@plaudit/contract";
import { spokenLocale } from "../field-messages.ts";

export type { RequestLocale };

export interface RequestMessages {
  dir: "ltr" | "rtl";
  subjectOne: (product: string) => string;
  subjectMany: (store: string) => string;
  reminderSubjectOne: (product: string) => string;
  reminderSubjectMany: (store: string) => string;
  greeting: (name: string | null) => string;
  intro: (store: string) => string;
  reminderIntro: (store: string) => string;
  rateIt: string;
  stars: (n: number) => string;
  writeReview: string;
  /** The products of a large order that have no block of their own in the email. */
  moreProducts: (n: number) => string;
  whyThisEmail: (store: string) => string;
  unsubscribe: string;
  // The hosted page.
  pageTitle: (store: string) => string;
  pageIntro: string;
  yourRating: string;
  reviewTitle: string;
  reviewBody: string;
  yourName: string;
  submit: string;
  addPhoto: string;
  addPhotoHint: string;
  upload: string;
  /** "Upload" pressed with no file chosen. */
  choosePhoto: string;
  photosAttached: (n: number) => string;
  alreadyReviewed: string;
  thanksTitle: string;
  thanksBody: string;
  thanksPending: string;
  pointsEarned: (points: number, name: string) => string;
  pointsLater: (points: number, name: string) => string;
  photoBonus: (points: number, name: string) => string;
  otherProducts: string;
  invalidTitle: string;
  invalidBody: string;
  expiredTitle: string;
  expiredBody: string;
  notInOrderTitle: string;
  notInOrderBody: string;
  unsubscribeTitle: string;
  unsubscribeBody: (store: string) => string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedBody: (store: string) => string;
  fixErrors: string;
  // Notifications.
  pendingSubject: (product: string) => string;
  pendingBody: (store: string, product: string) => string;
  replySubject: (store: string) => string;
  replyIntro: (store: string, product: string) => string;
  /** The moderation notice's stop link, and its pages (the merchant reads them). */
  stopNotices: string;
  stopNoticesBody: (store: string) => string;
  stoppedNoticesBody: (store: string) => string;
}

const en: RequestMessages = {
  dir: "ltr",
  subjectOne: (product) => `How do you like your ${product}?`,
  subjectMany: (store) => `How was your order from ${store}?`,
  reminderSubjectOne: (product) => `A minute for your ${product}?`,
  reminderSubjectMany: (store) => `A minute for your order from ${store}?`,
  greeting: (name) => (name ? `Hi ${name},` : "Hello,"),
  intro: (store) =>
    `Thank you for shopping at ${store}. Now that your order has arrived, how would you rate it? Your honest review, good or bad, helps other shoppers.`,
  reminderIntro: (store) =>
    `A short reminder from ${store}: there is still time to review your order. Pick a star to start — it takes a minute.`,
  rateIt: "Rate it:",
  stars: (n) => (n === 1 ? "1 star" : `${n} stars`),
  writeReview: "Write a review",
  moreProducts: (n) =>
    n === 1 ? "1 more product from your order: review it" : `${n} more products from your order: review them`,
  whyThisEmail: (store) => `You received this email because you ordered from ${store}.`,
  unsubscribe: "Unsubscribe from review requests",
  pageTitle: (store) => `Review your order from ${store}`,
  pageIntro: "Your honest opinion helps other shoppers. Reviews here are marked as from a verified buyer.",
  yourRating: "Your rating",
  reviewTitle: "Title (optional)",
  reviewBody: "Your review",
  yourName: "Your name (shown with the review)",
  submit: "Submit review",
  addPhoto: "Add a photo or video (optional)",
  addPhotoHint: "JPEG, PNG, WebP, AVIF, HEIC photos up to 15 MB; MP4, WebM or MOV videos up to 100 MB.",
  upload: "Upload",
  choosePhoto: "Choose a photo or video first.",
  photosAttached: (n) =>
    n === 1
      ? "1 photo or video will be added to your review."
      : `${n} photos or videos will be added to your review.`,
  alreadyReviewed: "You have already reviewed this product. Thank you!",
  thanksTitle: "Thank you for your review!",
  thanksBody: "Your review has been published.",
  thanksPending: "Your review will appear once the shop has checked it.",
  pointsEarned: (points, name) => `You earned ${points} ${name}.`,
  pointsLater: (points, name) => `You will earn ${points} ${name} when it is published.`,
  photoBonus: (points, name) =>
    `Add a photo or video and earn ${points} ${name} once your review is published with it.`,
  otherProducts: "Also in your order",
  invalidTitle: "This link does not work",
  invalidBody: "The link may have been copied incompletely. Open it again from your email.",
  expiredTitle: "This link has expired",
  expiredBody: "Review links work for 90 days. You can still review the product on the shop's website.",
  notInOrderTitle: "This product is not in your order",
  notInOrderBody: "You can review the products of the order this email was about.",
  unsubscribeTitle: "Unsubscribe",
  unsubscribeBody: (store) => `Stop review requests from ${store} to this address?`,
  unsubscribeButton: "Unsubscribe",
  unsubscribedTitle: "You are unsubscribed",
  unsubscribedBody: (store) => `${store} will not send review requests to this address again.`,
  fixErrors: "Please check the highlighted fields.",
  pendingSubject: (product) => `A new review of ${product} awaits moderation`,
  pendingBody: (store, product) =>
    `A shopper reviewed ${product} at ${store}. The review is held until you publish or reject it in your moderation queue.`,
  replySubject: (store) => `${store} replied to your review`,
  replyIntro: (store, product) => `${store} replied to your review of ${product}:`,
  stopNotices: "Stop these notices",
  stopNoticesBody: (store) => `Stop emails to this address about reviews awaiting moderation at ${store}?`,
  stoppedNoticesBody: (store) =>
    `This address gets no more emails about reviews awaiting moderation at ${store}. The review-request settings (notifyEmail) turn them on again.`,
};

const de: RequestMessages = {
  dir: "ltr",
  subjectOne: (product) => `Wie gefällt Ihnen ${product}?`,
  subjectMany: (store) => `Wie war Ihre Bestellung bei ${store}?`,
  reminderSubjectOne: (product) => `Eine Minute für ${product}?`,
  reminderSubjectMany: (store) => `Eine Minute für Ihre Bestellung bei ${store}?`,
  greeting: (name) => (name ? `Hallo ${name},` : "Guten Tag,"),
  intro: (store) =>
    `Danke für Ihren Einkauf bei ${store}. Ihre Bestellung ist angekommen – wie bewerten Sie sie? Ihre ehrliche Meinung, ob gut oder schlecht, hilft anderen beim Einkaufen.`,
  reminderIntro: (store) =>
    `Eine kurze Erinnerung von ${store}: Sie können Ihre Bestellung noch bewerten. Wählen Sie einen Stern – es dauert nur eine Minute.`,
  rateIt: "Bewerten:",
  stars: (n) => (n === 1 ? "1 Stern" : `${n} Sterne`),
  writeReview: "Bewertung schreiben",
  moreProducts: (n) =>
    n === 1
      ? "1 weiteres Produkt aus Ihrer Bestellung bewerten"
      : `${n} weitere Produkte aus Ihrer Bestellung bewerten`,
  whyThisEmail: (store) => `Sie erhalten diese E-Mail, weil Sie bei ${store} bestellt haben.`,
  unsubscribe: "Keine Bewertungsanfragen mehr erhalten",
  pageTitle: (store) => `Ihre Bestellung bei ${store} bewerten`,
  pageIntro:
    "Ihre ehrliche Meinung hilft anderen. Bewertungen von hier sind als verifizierter Kauf gekennzeichnet.",
  yourRating: "Ihre Bewertung",
  reviewTitle: "Titel (optional)",
  reviewBody: "Ihr Text",
  yourName: "Ihr Name (wird mit der Bewertung gezeigt)",
  submit: "Bewertung absenden",
  addPhoto: "Foto oder Video hinzufügen (optional)",
  addPhotoHint: "Fotos als JPEG, PNG, WebP, AVIF, HEIC bis 15 MB; Videos als MP4, WebM oder MOV bis 100 MB.",
  upload: "Hochladen",
  choosePhoto: "Wählen Sie zuerst ein Foto oder Video.",
  photosAttached: (n) =>
    n === 1
      ? "1 Foto oder Video wird Ihrer Bewertung beigefügt."
      : `${n} Fotos oder Videos werden Ihrer Bewertung beigefügt.`,
  alreadyReviewed: "Sie haben dieses Produkt bereits bewertet. Vielen Dank!",
  thanksTitle: "Vielen Dank für Ihre Bewertung!",
  thanksBody: "Ihre Bewertung ist veröffentlicht.",
  thanksPending: "Ihre Bewertung erscheint, sobald der Shop sie geprüft hat.",
  pointsEarned: (points, name) => `Sie haben ${points} ${name} erhalten.`,
  pointsLater: (points, name) => `Sie erhalten ${points} ${name}, sobald sie veröffentlicht ist.`,
  photoBonus: (points, name) =>
    `Fügen Sie ein Foto oder Video hinzu: Sie erhalten ${points} ${name}, sobald Ihre Bewertung damit veröffentlicht ist.`,
  otherProducts: "Ebenfalls in Ihrer Bestellung",
  invalidTitle: "Dieser Link funktioniert nicht",
  invalidBody: "Vielleicht wurde er unvollständig kopiert. Öffnen Sie ihn erneut aus Ihrer E-Mail.",
  expiredTitle: "Dieser Link ist abgelaufen",
  expiredBody: "Bewertungslinks gelten 90 Tage. Sie können das Produkt weiterhin im Shop bewerten.",
  notInOrderTitle: "Dieses Produkt ist nicht in Ihrer Bestellung",
  notInOrderBody: "Sie können die Produkte der Bestellung bewerten, um die es in der E-Mail ging.",
  unsubscribeTitle: "Abmelden",
  unsubscribeBody: (store) => `Keine Bewertungsanfragen von ${store} mehr an diese Adresse?`,
  unsubscribeButton: "Abmelden",
  unsubscribedTitle: "Sie sind abgemeldet",
  unsubscribedBody: (store) => `${store} sendet keine Bewertungsanfragen mehr an diese Adresse.`,
  fixErrors: "Bitte prüfen Sie die markierten Felder.",
  pendingSubject: (product) => `Neue Bewertung zu ${product} wartet auf Freigabe`,
  pendingBody: (store, product) =>
    `Jemand hat ${product} bei ${store} bewertet. Die Bewertung wartet in Ihrer Moderation auf Freigabe oder Ablehnung.`,
  replySubject: (store) => `${store} hat auf Ihre Bewertung geantwortet`,
  replyIntro: (store, product) => `${store} hat auf Ihre Bewertung zu ${product} geantwortet:`,
  stopNotices: "Diese Hinweise abbestellen",
  stopNoticesBody: (store) =>
    `Keine E-Mails mehr an diese Adresse über Bewertungen, die bei ${store} auf Freigabe warten?`,
  stoppedNoticesBody: (store) =>
    `Diese Adresse erhält keine E-Mails mehr über Bewertungen, die bei ${store} auf Freigabe warten. In den Einstellungen der Bewertungsanfragen (notifyEmail) schalten Sie sie wieder ein.`,
};

const he: RequestMessages = {
  dir: "rtl",
  subjectOne: (product) => `מה דעתך על ${product}?`,
  subjectMany: (store) => `איך הייתה ההזמנה שלך מ-${store}?`,
  reminderSubjectOne: (product) => `דקה אחת בשביל ${product}?`,
  reminderSubjectMany: (store) => `דקה אחת בשביל ההזמנה שלך מ-${store}?`,
  greeting: (name) => (name ? `שלום ${name},` : "שלום,"),
  intro: (store) =>
    `תודה שקנית ב-${store}. ההזמנה שלך הגיעה — איך היית מדרג/ת אותה? חוות דעת כנה, טובה או רעה, עוזרת לקונים אחרים.`,
  reminderIntro: (store) =>
    `תזכורת קצרה מ-${store}: עדיין אפשר לכתוב ביקורת על ההזמנה. בחר/י כוכב כדי להתחיל — זה לוקח דקה.`,
  rateIt: "דרגו:",
  stars: (n) => (n === 1 ? "כוכב אחד" : `${n} כוכבים`),
  writeReview: "כתיבת ביקורת",
  moreProducts: (n) => (n === 1 ? "ביקורת על מוצר נוסף מההזמנה" : `ביקורת על ${n} מוצרים נוספים מההזמנה`),
  whyThisEmail: (store) => `קיבלת הודעה זו כי הזמנת מ-${store}.`,
  unsubscribe: "הסרה מבקשות לביקורת",
  pageTitle: (store) => `ביקורת על ההזמנה שלך מ-${store}`,
  pageIntro: "חוות הדעת הכנה שלך עוזרת לקונים אחרים. ביקורות מכאן מסומנות כרכישה מאומתת.",
  yourRating: "הדירוג שלך",
  reviewTitle: "כותרת (לא חובה)",
  reviewBody: "הביקורת שלך",
  yourName: "השם שלך (יוצג עם הביקורת)",
  submit: "שליחת ביקורת",
  addPhoto: "הוספת תמונה או סרטון (לא חובה)",
  addPhotoHint: "תמונות JPEG,‏ PNG,‏ WebP,‏ AVIF,‏ HEIC עד 15MB; סרטוני MP4,‏ WebM או MOV עד 100MB.",
  upload: "העלאה",
  choosePhoto: "יש לבחור תמונה או סרטון קודם.",
  photosAttached: (n) =>
    n === 1 ? "תמונה או סרטון אחד יצורפו לביקורת." : `${n} תמונות או סרטונים יצורפו לביקורת.`,
  alreadyReviewed: "כבר כתבת ביקורת על המוצר הזה. תודה!",
  thanksTitle: "תודה על הביקורת!",
  thanksBody: "הביקורת שלך פורסמה.",
  thanksPending: "הביקורת תופיע לאחר שהחנות תבדוק אותה.",
  pointsEarned: (points, name) => `צברת ${points} ${name}.`,
  pointsLater: (points, name) => `${points} ${name} יתווספו כשהביקורת תפורסם.`,
  photoBonus: (points, name) => `הוסיפו תמונה או סרטון וקבלו ${points} ${name} כשהביקורת תפורסם איתם.`,
  otherProducts: "עוד בהזמנה שלך",
  invalidTitle: "הקישור הזה לא תקין",
  invalidBody: "ייתכן שהקישור הועתק באופן חלקי. פתח/י אותו שוב מההודעה.",
  expiredTitle: "תוקף הקישור פג",
  expiredBody: "קישורי ביקורת תקפים ל-90 יום. עדיין אפשר לכתוב ביקורת באתר החנות.",
  notInOrderTitle: "המוצר הזה לא נמצא בהזמנה שלך",
  notInOrderBody: "אפשר לכתוב ביקורת על המוצרים שבהזמנה שההודעה עסקה בה.",
  unsubscribeTitle: "הסרה",
  unsubscribeBody: (store) => `להפסיק בקשות לביקורת מ-${store} לכתובת הזו?`,
  unsubscribeButton: "הסרה",
  unsubscribedTitle: "הוסרת מהרשימה",
  unsubscribedBody: (store) => `${store} לא ישלחו יותר בקשות לביקורת לכתובת הזו.`,
  fixErrors: "נא לבדוק את השדות המסומנים.",
  pendingSubject: (product) => `ביקורת חדשה על ${product} ממתינה לאישור`,
  pendingBody: (store, product) =>
    `קונה כתב/ה ביקורת על ${product} ב-${store}. הביקורת ממתינה לאישור או לדחייה בתור הניהול.`,
  replySubject: (store) => `${store} הגיבו לביקורת שלך`,
  replyIntro: (store, product) => `${store} הגיבו לביקורת שלך על ${product}:`,
  stopNotices: "הפסקת ההתראות האלה",
  stopNoticesBody: (store) => `להפסיק הודעות לכתובת הזו על ביקורות שממתינות לאישור ב-${store}?`,
  stoppedNoticesBody: (store) =>
    `הכתובת הזו לא תקבל יותר הודעות על ביקורות שממתינות לאישור ב-${store}. אפשר להפעיל אותן שוב בהגדרות בקשות הביקורת (notifyEmail).`,
};

const ALL: Record<RequestLocale, RequestMessages> = { en, de, he };

/** The shopper's language from an order's locale tag (de-AT → de; iw is Hebrew's old tag); else English. */
export function requestLocale(tag: string | null | undefined): RequestLocale {
  return spokenLocale(tag ?? "") ?? "en";
}

export function messagesFor(locale: RequestLocale): RequestMessages {
  return ALL[locale];
}
