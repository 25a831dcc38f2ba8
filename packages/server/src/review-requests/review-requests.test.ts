import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson } from "../../testing/fixtures.ts";
import {
  linksOf,
  oneClickUrlOf,
  pageLinkOf,
  pageTokenOf,
  postOneClick,
  type RequestKit,
  rawHeader,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { DEFAULT_MAX_ATTEMPTS, retryDelayMs } from "../jobs/index.ts";

const DAY = 24 * 60 * 60 * 1000;

describe.each(databasesUnderTest())("review requests on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings();
    await kit.product("lamp", "Desk lamp <Aurora>");
    await kit.product("bulb", "Warm bulb");
  });
  afterAll(() => kit.close());

  it("mails one request with working star links; a review through them is verified and stops the reminder", async () => {
    const before = kit.sink.messages.length;
    await kit.order("o-flow", { locale: "en-GB" });
    expect(await kit.runner().drain()).toBe(1);
    expect(kit.sink.messages).toHaveLength(before + 1);
    const mail = kit.sink.messages.at(-1)!;
    const request = await kit.requestOf("o-flow");
    expect(request.status).toBe("sent");
    expect(mail.messageId).toBe(request.message_id);
    expect(mail.subject).toBe("How was your order from Lumen & Co?");
    expect(mail.from?.value[0]).toMatchObject({ address: "hello@lumen.example", name: "Lumen & Co" });
    expect(recipientOf(mail)).toBe("ana@example.com");
    // The product name is text, escaped in the HTML.
    expect(mail.html).toContain("Desk lamp &lt;Aurora&gt;");
    expect(mail.html).not.toContain("<Aurora>");
    expect(mail.text).toContain("Desk lamp <Aurora>");
    expect(mail.text).toContain("Write a review: ");
    const unsubscribe = rawHeader(mail, "list-unsubscribe");
    expect(rawHeader(mail, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(unsubscribe).toMatch(new RegExp(`^<${kit.server.url}/r/unsubscribe/q\\.`));

    const stars = linksOf(mail).filter((link) => /[?&]rating=\d/.test(link));
    expect(stars).toHaveLength(10);
    const bulbFour = stars.find((link) => link.includes("product=bulb") && link.endsWith("rating=4"))!;
    const page = await fetch(bulbFour);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    // The clicked product comes first, its star preselected; the order's other product follows.
    expect(html.indexOf("Warm bulb")).toBeLessThan(html.indexOf("Desk lamp"));
    expect(html).toMatch(/id="r0-4" name="rating" value="4" required checked/);
    expect((await kit.requestOf("o-flow")).clicked_at).not.toBeNull();

    const token = pageTokenOf(bulbFour);
    const submitted = await kit.postReviewForm(token, {
      product: "bulb",
      rating: "4",
      title: "Cosy light",
      body: "Warm and <b>bright</b> enough for reading.",
      name: "Ana",
    });
    expect(submitted.status).toBe(303);
    const thanks = await fetch(new URL(submitted.headers.get("location")!, kit.server.url));
    expect(thanks.status).toBe(200);
    expect(await thanks.text()).toContain("Thank you for your review!");

    const list = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/bulb/reviews`);
    expect(list.json.items).toHaveLength(1);
    expect(list.json.items[0]).toMatchObject({
      rating: 4,
      verified: true,
      body: "Warm and <b>bright</b> enough for reading.",
    });
    const after = await kit.requestOf("o-flow");
    expect(after.status).toBe("reviewed");

    // A second submission for the same product stores nothing.
    const again = await kit.postReviewForm(token, {
      product: "bulb",
      rating: "2",
      body: "Again",
      name: "Ana",
    });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already reviewed");

    kit.time.advance(8 * DAY);
    const sent = kit.sink.messages.length;
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(sent);
    expect((await kit.requestOf("o-flow")).reminder_sent_at).toBeNull();
  });

  it("sends one reminder when no review came", async () => {
    await kit.order("o-remind", { email: "bo@example.com", locale: "de" });
    const start = kit.sink.messages.length;
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(start + 1);
    const first = kit.sink.messages.at(-1)!;
    expect(first.subject).toBe("Wie war Ihre Bestellung bei Lumen & Co?");
    // The first message opens the thread: its own Message-ID, on the sender's domain, answering none.
    const firstId = rawHeader(first, "message-id");
    expect(firstId).toMatch(/^<rr-[\w-]+@lumen\.example>$/);
    expect(firstId).toBe((await kit.requestOf("o-remind")).message_id);
    expect(rawHeader(first, "in-reply-to")).toBeUndefined();
    kit.time.advance(7 * DAY);
    await kit.runner().drain();
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(start + 2);
    const reminder = kit.sink.messages.at(-1)!;
    expect(reminder.subject).toBe("Eine Minute für Ihre Bestellung bei Lumen & Co?");
    expect(reminder.messageId).not.toBe((await kit.requestOf("o-remind")).message_id);
    // The reminder answers the first message (In-Reply-To, References): one conversation in the
    // shopper's mail client, with an id of its own on the same domain.
    expect(rawHeader(reminder, "message-id")).toBe(firstId?.replace("@", "-reminder@"));
    expect(rawHeader(reminder, "in-reply-to")).toBe(firstId);
    expect(rawHeader(reminder, "references")).toBe(firstId);
  });

  it("writes Hebrew right to left", async () => {
    await kit.order("o-he", { email: "dana@example.com", locale: "he-IL" });
    await kit.runner().drain();
    const mail = kit.sink.messages.at(-1)!;
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.subject).toContain("Lumen & Co");
    expect(mail.headers.get("content-language")).toBe("he");
  });

  it("suppresses the address with the one-click unsubscribe, for later orders too", async () => {
    await kit.order("o-unsub", { email: "cy@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.at(-1)!;
    const url = oneClickUrlOf(mail);
    // RFC 8058: the mail client POSTs this body, with no cookie and no page in between.
    const res = await postOneClick(url);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("You are unsubscribed");
    expect((await kit.requestOf("o-unsub")).status).toBe("suppressed");
    const toCy = () => kit.sink.messages.filter((m) => recipientOf(m) === "cy@example.com").length;
    expect(toCy()).toBe(1);
    await kit.order("o-unsub-2", { email: "CY@example.com" });
    kit.time.advance(30 * DAY);
    await kit.runner().drain();
    expect(toCy()).toBe(1);
    expect((await kit.requestOf("o-unsub-2")).status).toBe("suppressed");
    // The unsubscribe page itself (a GET) changes nothing: it asks first.
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
  });

  it("changes nothing for a link scanner that opens every link of the message (GET and HEAD)", async () => {
    await kit.order("o-scanned", { email: "scan@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.filter((m) => recipientOf(m) === "scan@example.com").at(-1)!;
    const links = [...new Set([...linksOf(mail), oneClickUrlOf(mail)])];
    expect(links.some((link) => link.includes("/r/unsubscribe/"))).toBe(true);
    // What a mail provider's or a company's security gateway does with a message before its
    // reader sees it: every link fetched, redirects followed, no form sent.
    for (const link of links)
      for (const method of ["HEAD", "GET"]) expect((await fetch(link, { method })).status).toBe(200);
    expect((await kit.requestOf("o-scanned")).status).toBe("sent");
    // Nothing was consumed: the page still takes a review, and the next order is still asked.
    const again = await fetch(pageLinkOf(mail));
    expect(await again.text()).toContain('method="post"');
    await kit.order("o-scanned-2", { email: "scan@example.com" });
    await kit.runner().drain();
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "scan@example.com")).toHaveLength(2);
  });

  it("unsubscribes with the link of a months-old request, posted as mail providers do (multipart)", async () => {
    await kit.order("o-old-unsub", { email: "old@example.com", locale: "de" });
    await kit.runner().drain();
    const mail = kit.sink.messages.filter((m) => recipientOf(m) === "old@example.com").at(-1)!;
    const url = oneClickUrlOf(mail);
    // The hosted page's link has expired (90 days); leaving the list has not.
    kit.time.advance(100 * DAY);
    expect((await fetch(url.replace("/unsubscribe/", "/"))).status).toBe(410);
    const asked = await fetch(url);
    expect(asked.status).toBe(200);
    expect(await asked.text()).toContain('<form method="post"');
    const form = new FormData();
    form.set("List-Unsubscribe", "One-Click");
    const done = await fetch(url, { method: "POST", body: form });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Sie sind abgemeldet");
    await kit.order("o-old-unsub-2", { email: "old@example.com" });
    await kit.runner().drain();
    expect((await kit.requestOf("o-old-unsub-2")).status).toBe("suppressed");
    // Neither the first request's reminder (due long ago, not sent) nor the new request went.
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "old@example.com")).toHaveLength(1);
  });

  it("retries a refused message with backoff, then delivers it once", async () => {
    await kit.order("o-retry", { email: "di@example.com" });
    const start = kit.sink.messages.length;
    kit.sink.setDown(true);
    const runner = kit.runner();
    expect(await runner.drain()).toBe(1);
    let request = await kit.requestOf("o-retry");
    expect(request).toMatchObject({ status: "scheduled", attempts: 1 });
    expect(request.last_error).toMatch(/try again later/);
    expect(await runner.drain()).toBe(0);
    kit.time.advance(retryDelayMs(1));
    expect(await runner.drain()).toBe(1);
    expect(await kit.requestOf("o-retry")).toMatchObject({ status: "scheduled", attempts: 2 });
    kit.sink.setDown(false);
    kit.time.advance(retryDelayMs(2));
    expect(await runner.drain()).toBe(1);
    expect(kit.sink.messages).toHaveLength(start + 1);
    request = await kit.requestOf("o-retry");
    expect(request).toMatchObject({ status: "sent", attempts: 3 });
    expect(kit.sink.messages.at(-1)?.messageId).toBe(request.message_id);
  });

  it("retries while the relay refuses the store's from address (550/553 about the sender, not the mailbox)", async () => {
    // A relay refusing the sender (a from address the account may not use) refuses every message
    // until the merchant fixes it: not a reason to give up on the shopper's request for good.
    await kit.order("o-sender", { email: "ivo@example.com" });
    const runner = kit.runner();
    for (const [attempt, code] of [
      [1, 553],
      [2, 550],
    ] as const) {
      kit.sink.refuseSender(code);
      if (attempt > 1) kit.time.advance(retryDelayMs(attempt - 1));
      expect(await runner.drain()).toBe(1);
      const request = await kit.requestOf("o-sender");
      expect(request, String(code)).toMatchObject({ status: "scheduled", attempts: attempt });
      expect(request.last_error).toMatch(/Sender address rejected/);
    }
    kit.sink.refuseSender(null);
    kit.time.advance(retryDelayMs(2));
    expect(await runner.drain()).toBe(1);
    expect(await kit.requestOf("o-sender")).toMatchObject({ status: "sent", attempts: 3 });
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "ivo@example.com")).toHaveLength(1);
  });

  it("says on the request why it waits while mail is not configured, and fails it when the attempts run out", async () => {
    // Before, the request stayed "scheduled" with no error and, once the job's attempts ran out,
    // with no job either: the merchant saw a request that would never go and no reason.
    const ctx = kit.server.app.ctx;
    const mailer = ctx.mailer;
    ctx.mailer = undefined;
    try {
      await kit.order("o-no-mail", { email: "jo@example.com" });
      const runner = kit.runner();
      expect(await runner.drain()).toBe(1);
      let request = await kit.requestOf("o-no-mail");
      expect(request).toMatchObject({ status: "scheduled" });
      expect(request.last_error).toMatch(/mail is not configured/);
      for (let attempt = 2; attempt <= DEFAULT_MAX_ATTEMPTS; attempt++) {
        kit.time.advance(retryDelayMs(attempt - 1));
        expect(await runner.drain()).toBe(1);
      }
      request = await kit.requestOf("o-no-mail");
      expect(request.status).toBe("failed");
      // Once mail works (a runner made with the mailer), "send now" takes it up again.
      ctx.mailer = mailer;
      expect((await kit.call("POST", `/v1/admin/review-requests/${request.id}/send`)).status).toBe(202);
      await kit.runner().drain();
      expect((await kit.requestOf("o-no-mail")).status).toBe("sent");
    } finally {
      ctx.mailer = mailer;
    }
  });

  it("cancels a request when its order is refunded", async () => {
    await kit.settings({ delayDays: 5 });
    await kit.order("o-refund", { email: "ed@example.com" });
    expect((await kit.call("POST", "/v1/admin/orders/o-refund/refund")).status).toBe(201);
    const count = kit.sink.messages.length;
    kit.time.advance(6 * DAY);
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(count);
    expect((await kit.requestOf("o-refund")).status).toBe("canceled");
    await kit.settings();
  });

  it("mails nothing about a past order sent in late (a backfill), but does about a recent one", async () => {
    await kit.settings({ delayDays: 7, reminderDays: 0 });
    const daysAgo = (n: number) => new Date(kit.time.clock().getTime() - n * DAY).toISOString();
    // Due 193 days ago: a shop replaying last year's orders. Due 29 days ago: a late fulfilment.
    await kit.order("o-backfill", { email: "ivy@example.com", fulfilledAt: daysAgo(200) });
    await kit.order("o-late", { email: "jon@example.com", fulfilledAt: daysAgo(36) });
    await kit.runner().drain();
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "ivy@example.com")).toHaveLength(0);
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "jon@example.com")).toHaveLength(1);
    const backfill = await kit.requestOf("o-backfill");
    expect(backfill.status).toBe("canceled");
    expect(backfill.last_error).toMatch(/fell due 193 days before the order arrived/);
    expect((await kit.requestOf("o-late")).status).toBe("sent");
    await kit.settings();
  });

  it("sends at most maxPerAddressPer30Days messages to one address", async () => {
    await kit.settings({ maxPerAddressPer30Days: 2, reminderDays: 0 });
    for (const id of ["cap-1", "cap-2", "cap-3"]) await kit.order(id, { email: "fay@example.com" });
    await kit.runner().drain();
    expect(kit.sink.messages.filter((m) => recipientOf(m) === "fay@example.com")).toHaveLength(2);
    // Which of the three is refused depends on which send reaches the address's lock last (the
    // runner sends them at once): two are sent, one is over the cap.
    const statuses = await Promise.all(
      ["cap-1", "cap-2", "cap-3"].map(async (id) => (await kit.requestOf(id)).status),
    );
    expect(statuses.filter((status) => status === "sent")).toHaveLength(2);
    expect(statuses.filter((status) => status === "suppressed")).toHaveLength(1);
    await kit.settings();
  });

  it("counts a reminder being sent against the cap: two due at once to one address send one", async () => {
    // Whatever earlier tests left due runs first, so the two reminders below are the only jobs due.
    kit.time.advance(60 * DAY);
    await kit.runner().drain();
    await kit.settings({ maxPerAddressPer30Days: 3, reminderDays: 1 });
    const email = "hal@example.com";
    const toHal = () => kit.sink.messages.filter((m) => recipientOf(m) === email);
    for (const id of ["rem-cap-1", "rem-cap-2"]) await kit.order(id, { email });
    await kit.runner().drain();
    expect(toHal()).toHaveLength(2);
    kit.time.advance(DAY + 1);

    // Worker A takes one reminder's slot and is held just before SMTP; worker B then runs the
    // other reminder. The cap (3) has one place left, and A holds it.
    let reached!: () => void;
    const atSmtp = new Promise<void>((done) => {
      reached = done;
    });
    let release!: () => void;
    const released = new Promise<void>((done) => {
      release = done;
    });
    const a = kit.runner(
      {
        atStep: async (step) => {
          if (step !== "before-smtp") return;
          reached();
          await released;
        },
      },
      "cap-a",
      { batch: 1 },
    );
    const running = a.runDue();
    await atSmtp;
    expect(await kit.runner(undefined, "cap-b").drain()).toBe(1);
    release();
    expect(await running).toBe(1);

    const reminders = toHal().filter((m) => m.messageId?.includes("-reminder@"));
    expect(reminders).toHaveLength(1);
    expect(toHal()).toHaveLength(3);
    const rows = await Promise.all(["rem-cap-1", "rem-cap-2"].map((id) => kit.requestOf(id)));
    expect(rows.filter((row) => row.reminder_sent_at !== null)).toHaveLength(1);
    // Nothing is left to try: the refused reminder's job is done, not waiting to overshoot later.
    kit.time.advance(DAY);
    expect(await kit.runner().drain()).toBe(0);
    expect(toHal()).toHaveLength(3);
    await kit.settings();
  });

  it("schedules from a later fulfilment, once, and sends nothing for an order without email", async () => {
    await kit.call("POST", "/v1/admin/orders", {
      orderId: "o-later",
      customerId: "c-later",
      email: "gil@example.com",
      total: 5,
      currency: "EUR",
      items: [{ productId: "bulb", quantity: 1, price: 5 }],
    });
    const first = await kit.call("POST", "/v1/admin/orders/o-later/fulfillment", {});
    expect(first.status).toBe(201);
    const again = await kit.call("POST", "/v1/admin/orders/o-later/fulfillment", {
      fulfilledAt: "2027-01-01T00:00:00.000Z",
    });
    expect(again).toMatchObject({
      status: 200,
      json: { created: false, fulfilledAt: first.json.fulfilledAt },
    });
    expect((await kit.requestOf("o-later")).status).toBe("scheduled");
    expect((await kit.call("POST", "/v1/admin/orders/nope/fulfillment", {})).status).toBe(404);
    await kit.order("o-no-email", { email: undefined });
    const rows = await kit.server.db.kysely
      .selectFrom("review_requests")
      .select("id")
      .where("order_id", "=", "o-no-email")
      .execute();
    expect(rows).toHaveLength(0);
  });
});
