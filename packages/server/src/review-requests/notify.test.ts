import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  htmlOf,
  oneClickUrlOf,
  pageLinkOf,
  pageTokenOf,
  type RequestKit,
  rawHeader,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { signCustomerToken } from "../customer-token.ts";
import { isSuppressed } from "../suppression/index.ts";
import { messagesFor } from "./messages.ts";

// The notifications besides the request itself, read back from a real SMTP server: the merchant's
// notice of a review awaiting moderation (in the merchant's language, settings.notifyLocale) and
// the reviewer's notice of a reply (in the reviewer's: their order's locale). Hebrew is right to
// left. The words come from messages.ts, the one source of the requests' strings.

describe.each(databasesUnderTest())("notification emails on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind, { moderation: "hold" });
    await kit.product("lamp", "Desk lamp");
  });
  afterAll(() => kit.close());

  const to = (address: string) => kit.sink.messages.filter((m) => recipientOf(m) === address);
  /** The reply notice to `address` (its request, if any, may arrive before or after it). */
  const replyTo = (address: string) => to(address).find((m) => m.messageId?.startsWith("<review-reply-"));

  /** A review from the shop's own page (the widget), by a customer who has an order. */
  async function widgetReview(customerId: string, body: string) {
    const res = await fetch(`${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "https://shop.example" },
      body: JSON.stringify({
        rating: 4,
        body,
        author: { name: "Noa", email: `${customerId}@example.com` },
        customerToken: signCustomerToken(kit.signingSecret, customerId, kit.time.clock()),
      }),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    return ((await res.json()) as { review: { id: string } }).review.id;
  }

  it("tells the merchant of a held review in the merchant's language, Hebrew right to left", async () => {
    await kit.settings({ notifyEmail: "mod@lumen.example", notifyLocale: "he" });
    await kit.order("n-held", { customerId: "c-held", email: "c-held@example.com", locale: "de" });
    await widgetReview("c-held", "Held for moderation, in any language.");
    await kit.runner().drain();
    const [notice] = to("mod@lumen.example");
    const he = messagesFor("he");
    expect(notice?.subject).toBe(he.pendingSubject("Desk lamp"));
    expect(htmlOf(notice!)).toMatch(/<html lang="he" dir="rtl">/);
    expect(notice?.text).toContain(he.pendingBody("Lumen & Co", "Desk lamp"));
    expect(rawHeader(notice!, "content-language")).toBe("he");

    // The default is English.
    await kit.settings({ notifyEmail: "mod-en@lumen.example" });
    await widgetReview("c-held", "A second one, also held.");
    await kit.runner().drain();
    expect(to("mod-en@lumen.example")[0]?.subject).toBe("A new review of Desk lamp awaits moderation");
    expect(htmlOf(to("mod-en@lumen.example")[0]!)).toMatch(/<html lang="en" dir="ltr">/);
  });

  it("tells a reviewer of the merchant's reply in their order's language", async () => {
    await kit.settings({ reminderDays: 0 });
    // German: written through a request for an order in de-AT.
    await kit.order("n-de", { customerId: "c-de", email: "c-de@example.com", locale: "de-AT" });
    await kit.runner().drain();
    const token = pageTokenOf(pageLinkOf(to("c-de@example.com")[0]!));
    const posted = await kit.postReviewForm(token, {
      product: "lamp",
      rating: "2",
      body: "Die Lampe flackert.",
      name: "Jo",
    });
    expect(posted.status).toBe(303);
    const viaRequest = await kit.server.db.kysely
      .selectFrom("review_request_reviews")
      .select("review_id")
      .where("product_id", "=", "lamp")
      .execute();
    // Hebrew: written on the shop's page by a customer whose order is in Hebrew.
    await kit.order("n-he", { customerId: "c-he", email: "c-he@example.com", locale: "he-IL" });
    const heReview = await widgetReview("c-he", "המנורה מצוינת.");
    // English: nobody known.
    const enReview = await widgetReview("c-nobody", "Nice lamp, no order here.");

    for (const id of [...viaRequest.map((r) => r.review_id), heReview, enReview]) {
      const replied = await kit.call("PATCH", `/v1/admin/reviews/${id}`, {
        status: "published",
        reply: "Thank you <3",
      });
      expect(replied.status).toBe(200);
    }
    await kit.runner().drain();

    const de = replyTo("c-de@example.com")!;
    expect(de.subject).toBe(messagesFor("de").replySubject("Lumen & Co"));
    expect(htmlOf(de)).toMatch(/<html lang="de" dir="ltr">/);
    expect(de.text).toContain(messagesFor("de").replyIntro("Lumen & Co", "Desk lamp"));
    expect(de.text).toContain("Thank you <3");
    expect(htmlOf(de)).toContain("Thank you &lt;3");
    expect(rawHeader(de, "list-unsubscribe")).toMatch(/\/r\/unsubscribe\/v\./);

    const he = replyTo("c-he@example.com")!;
    expect(he.subject).toBe(messagesFor("he").replySubject("Lumen & Co"));
    expect(htmlOf(he)).toMatch(/<html lang="he" dir="rtl">/);
    expect(he.text).toContain(messagesFor("he").unsubscribe);

    const en = replyTo("c-nobody@example.com")!;
    expect(en.subject).toBe("Lumen & Co replied to your review");
    expect(htmlOf(en)).toMatch(/<html lang="en" dir="ltr">/);
  });

  it("keeps the reply's lines; its unsubscribe works months later, in the reviewer's language", async () => {
    await kit.order("n-he-lines", { customerId: "c-lines", email: "c-lines@example.com", locale: "he-IL" });
    const id = await widgetReview("c-lines", "כובע נעים.");
    const replied = await kit.call("PATCH", `/v1/admin/reviews/${id}`, {
      status: "published",
      reply: "תודה רבה!\nנשמח לראותך שוב.\r\n<צוות לומן>",
    });
    expect(replied.status).toBe(200);
    await kit.runner().drain();
    const notice = replyTo("c-lines@example.com")!;
    // The reply's line breaks show in the HTML too (a line break alone is a space there).
    expect(htmlOf(notice)).toContain("תודה רבה!<br>נשמח לראותך שוב.<br>&lt;צוות לומן&gt;");
    // Quoted by a rule on its start side (a cell: Word gives a <blockquote> margins of its own).
    expect(htmlOf(notice)).toMatch(/<td class="text" dir="auto" style="[^"]*border-right:3px/);

    // Long after the link's 90 days, the mail client's one-click unsubscribe (multipart, as
    // RFC 8058 prefers) still takes the address off the list, and the pages speak Hebrew.
    kit.time.advance(120 * 24 * 60 * 60 * 1000);
    const url = oneClickUrlOf(notice);
    const he = messagesFor("he");
    const asked = await fetch(url);
    expect(asked.status).toBe(200);
    const askedHtml = await asked.text();
    expect(askedHtml).toMatch(/<html lang="he" dir="rtl"/);
    expect(askedHtml).toContain(he.unsubscribeBody("Lumen &amp; Co"));
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const done = await fetch(url, { method: "POST", body: form });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain(he.unsubscribedTitle);
    expect(await isSuppressed(kit.server.db.kysely, kit.storeId, "c-lines@example.com")).toBe(true);
  });
});
