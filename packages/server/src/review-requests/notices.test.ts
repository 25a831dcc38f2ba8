import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, reviewBody } from "../../testing/fixtures.ts";
import {
  htmlOf,
  linksOf,
  oneClickUrlOf,
  postOneClick,
  type RequestKit,
  rawHeader,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// The two notices riding the job runner (notify.ts): the merchant hears of a review waiting for
// moderation, the reviewer hears once of the merchant's reply.
describe.each(databasesUnderTest())("review notices on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.product("lamp", "Desk lamp <Aurora>");
  });
  afterAll(() => kit.close());

  const submit = (body: string) =>
    postJson(
      `${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews`,
      reviewBody({ body, author: { name: "Alex", email: "alex@example.com" } }),
    );

  it("tells the merchant of a held review only when a notify address is set", async () => {
    await kit.settings();
    const quiet = await submit("Held for its link: see https://spam.example/deal now");
    expect(quiet.json.status).toBe("pending");
    const before = kit.sink.messages.length;
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(before);

    await kit.settings({ notifyEmail: "owner@lumen.example" });
    const held = await submit("Also held for its link: https://spam.example/other and more");
    expect(held.json.status).toBe("pending");
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(before + 1);
    const mail = kit.sink.messages.at(-1)!;
    expect(recipientOf(mail)).toBe("owner@lumen.example");
    expect(mail.from?.value[0]).toMatchObject({ address: "hello@lumen.example", name: "Lumen & Co" });
    expect(mail.subject).toBe("A new review of Desk lamp <Aurora> awaits moderation");
    expect(mail.html).toContain("Desk lamp &lt;Aurora&gt;");
    expect(mail.text).toContain(`${kit.server.url}/admin/`);
    expect(mail.messageId).toBe(`<review-pending-${held.json.review.id}@127.0.0.1>`);
  });

  it("frames the notices as the request email: lang and dir on the card, a preheader, every link in the text", async () => {
    await kit.settings({
      notifyEmail: "he-mods@lumen.example",
      notifyLocale: "he",
      replyTo: "help@lumen.example",
    });
    await submit("Held for its link: https://spam.example/hebrew");
    await kit.runner().drain();
    const mail = kit.sink.messages.filter((m) => recipientOf(m) === "he-mods@lumen.example").at(-1)!;
    const body = htmlOf(mail).replace(/^[\s\S]*?<body[^>]*>/, "");
    // Gmail drops <html lang dir>: the card says it is Hebrew, right to left.
    expect(body).toMatch(/<table[^>]*class="card"[^>]*lang="he" dir="rtl"/);
    // The preview line, hidden in the message (Outlook too).
    expect(body).toMatch(
      /<div style="display:none;[^"]*mso-hide:all[^"]*">קונה כתב\/ה ביקורת על Desk lamp &lt;Aurora&gt;/,
    );
    // The same words and links in both parts, the store's name first.
    expect(mail.text?.startsWith("Lumen & Co\n")).toBe(true);
    const inText = new Set([...(mail.text ?? "").matchAll(/https?:\/\/\S+/g)].map((m) => m[0]));
    expect(new Set(linksOf(mail))).toEqual(inText);
    expect(inText.size).toBe(2);
    for (const anchor of body.match(/<a\s[^>]*>/g) ?? []) expect(anchor).toMatch(/style="color:#/);
    // One click (https) or a mail to the store's reply address.
    expect(rawHeader(mail, "list-unsubscribe")).toMatch(
      /^<https?:[^>]+>, <mailto:help@lumen\.example\?subject=unsubscribe&body=/,
    );
    expect(rawHeader(mail, "precedence")).toBe("bulk");
    await kit.settings();
  });

  it("tells the reviewer of the merchant's reply once, with an unsubscribe link", async () => {
    await kit.settings();
    const review = await submit("A plain review of a good lamp.");
    const id = review.json.review.id as string;
    const before = kit.sink.messages.length;
    const reply = await kit.call("PATCH", `/v1/admin/reviews/${id}`, { reply: "Thank you <Alex>!" });
    expect(reply.status).toBe(200);
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(before + 1);
    const mail = kit.sink.messages.at(-1)!;
    expect(recipientOf(mail)).toBe("alex@example.com");
    expect(mail.subject).toBe("Lumen & Co replied to your review");
    expect(mail.text).toContain("Thank you <Alex>!");
    expect(mail.html).toContain("Thank you &lt;Alex&gt;!");
    expect(mail.messageId).toBe(`<review-reply-${id}@127.0.0.1>`);
    expect(rawHeader(mail, "list-unsubscribe")).toMatch(new RegExp(`^<${kit.server.url}/r/unsubscribe/`));

    // An edited reply is not told again.
    await kit.call("PATCH", `/v1/admin/reviews/${id}`, { reply: "Thank you again!" });
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(before + 1);
  });

  it("sends shoppers' answers to the store's replyTo, to the from address when unset", async () => {
    expect((await kit.call("GET", "/v1/admin/review-requests/settings")).json.replyTo).toBeNull();
    await kit.settings({ replyTo: "help@lumen.example", reminderDays: 0 });
    expect((await kit.call("GET", "/v1/admin/review-requests/settings")).json.replyTo).toBe(
      "help@lumen.example",
    );
    expect(
      (
        await kit.call("PUT", "/v1/admin/review-requests/settings", {
          enabled: false,
          from: { name: "L", email: "l@lumen.example" },
          replyTo: "not an address",
        })
      ).status,
    ).toBe(422);
    await kit.order("o-reply-to", { email: "rita@example.com" });
    const review = await submit("A plain review, answered below.");
    await kit.call("PATCH", `/v1/admin/reviews/${review.json.review.id}`, { reply: "Thanks!" });
    await kit.runner().drain();
    const request = kit.sink.messages.find((m) => recipientOf(m) === "rita@example.com")!;
    const notice = kit.sink.messages.find(
      (m) => m.messageId === `<review-reply-${review.json.review.id}@127.0.0.1>`,
    )!;
    for (const mail of [request, notice]) {
      expect(mail.replyTo?.value).toEqual([{ address: "help@lumen.example", name: "" }]);
      expect(mail.from?.value[0]?.address).toBe("hello@lumen.example");
    }

    await kit.settings({ reminderDays: 0 });
    await kit.order("o-no-reply-to", { email: "sam@example.com" });
    await kit.runner().drain();
    expect(kit.sink.messages.find((m) => recipientOf(m) === "sam@example.com")?.replyTo).toBeUndefined();
  });

  it("stops moderation notices with their one-click link, only for the address they went to", async () => {
    await kit.settings({ notifyEmail: "mods@lumen.example", replyTo: "help@lumen.example" });
    await submit("Held for its link: https://spam.example/one");
    await kit.runner().drain();
    const notice = kit.sink.messages.filter((m) => recipientOf(m) === "mods@lumen.example").at(-1)!;
    expect(rawHeader(notice, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const url = oneClickUrlOf(notice);
    expect(url).toMatch(new RegExp(`^${kit.server.url}/r/unsubscribe/n\\.`));
    expect(notice.text).toContain(`Stop these notices: ${url}`);
    const asked = await fetch(url);
    expect(await asked.text()).toContain("Stop emails to this address about reviews awaiting moderation");

    // Once the merchant has moved the notices to another address, the old link stops nothing.
    await kit.settings({ notifyEmail: "desk@lumen.example", replyTo: "help@lumen.example" });
    expect((await fetch(url, { method: "POST", body: "List-Unsubscribe=One-Click" })).status).toBe(404);
    await submit("Held for its link: https://spam.example/two");
    await kit.runner().drain();
    const deskNotice = kit.sink.messages.filter((m) => recipientOf(m) === "desk@lumen.example").at(-1)!;
    const deskUrl = oneClickUrlOf(deskNotice);
    const done = await postOneClick(deskUrl);
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("This address gets no more emails about reviews awaiting moderation");
    const settings = (await kit.call("GET", "/v1/admin/review-requests/settings")).json;
    expect(settings).toMatchObject({ enabled: true, notifyEmail: null, replyTo: "help@lumen.example" });
    const before = kit.sink.messages.length;
    await submit("Held for its link: https://spam.example/three");
    await kit.runner().drain();
    expect(kit.sink.messages).toHaveLength(before);
  });
});
