import { LIMITS } from "@plaudit/contract";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getJson, makeStore } from "../../testing/fixtures.ts";
import {
  pageLinkOf,
  pageTokenOf,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { solidJpeg } from "../../testing/test-files.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";
import { linkSecretFor } from "../keys/link-secret.ts";
import { signLink } from "./link-token.ts";

const DAY = 24 * 60 * 60 * 1000;

describe.each(databasesUnderTest())("the hosted review page on %s", (kind) => {
  let kit: RequestKit;
  let token: string;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.settings();
    await kit.product("lamp", "Desk lamp");
    await kit.order("o-page", { email: "page@example.com", locale: "de-DE" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "page@example.com")!;
    token = pageTokenOf(pageLinkOf(mail));
  });
  afterAll(() => kit.close());

  const page = (path: string) =>
    fetch(`${kit.server.url}${path}`).then(async (r) => ({ status: r.status, html: await r.text() }));

  it("refuses a tampered token with a page", async () => {
    const last = token.at(-1) === "A" ? "B" : "A";
    for (const forged of [`${token.slice(0, -1)}${last}`, "q.nothing", "garbage", `v${token.slice(1)}`]) {
      const res = await page(`/r/${encodeURIComponent(forged)}`);
      expect(res.status, forged).toBe(404);
      expect(res.html).toContain("<h1>");
      expect(res.html).not.toContain("Desk lamp");
    }
    const unsubscribe = await fetch(`${kit.server.url}/r/unsubscribe/${token.slice(0, -1)}${last}`, {
      method: "POST",
    });
    expect(unsubscribe.status).toBe(404);
  });

  it("refuses a token it cannot read in the browser's most wanted language (by q-value)", async () => {
    const refusal = (language: string) =>
      fetch(`${kit.server.url}/r/garbage`, { headers: { "accept-language": language } }).then(async (r) => ({
        status: r.status,
        html: await r.text(),
      }));
    const hebrew = await refusal("de;q=0.1, he;q=0.9");
    expect(hebrew.status).toBe(404);
    expect(hebrew.html).toMatch(/<html[^>]* lang="he"/);
    expect(hebrew.html).toMatch(/<html[^>]* dir="rtl"/);
    expect((await refusal("fr, de-AT;q=0.7, en;q=0.6")).html).toMatch(/<html[^>]* lang="de"/);
    expect((await refusal("he;q=0, en")).html).toMatch(/<html[^>]* lang="en"/);
  });

  it("refuses another store's token for this request, and a token for another address", async () => {
    const request = await kit.requestOf("o-page");
    const other = await makeStore(kit.server.db);
    const subject = {
      kind: "q" as const,
      id: request.id,
      storeId: kit.storeId,
      bindsTo: "o-page",
      email: "page@example.com",
    };
    const ctx = kit.server.app.ctx;
    const foreign = signLink(await linkSecretFor(ctx, other.storeId), subject, kit.time.clock());
    expect((await page(`/r/${foreign}`)).status).toBe(404);
    const secret = await linkSecretFor(ctx, kit.storeId);
    // Signed with the store's admin key instead of its links secret: refused too.
    expect((await page(`/r/${signLink(kit.secretKey, subject, kit.time.clock())}`)).status).toBe(404);
    const otherAddress = signLink(
      secret,
      { ...subject, email: "someone.else@example.com" },
      kit.time.clock(),
    );
    expect((await page(`/r/${otherAddress}`)).status).toBe(404);
    const otherOrder = signLink(secret, { ...subject, bindsTo: "o-other" }, kit.time.clock());
    expect((await page(`/r/${otherOrder}`)).status).toBe(404);
    const genuine = signLink(secret, subject, kit.time.clock());
    expect((await page(`/r/${genuine}`)).status).toBe(200);
  });

  it("refuses a product that is not in the order, in the shopper's language", async () => {
    const res = await page(`/r/${token}?product=not-bought&rating=5`);
    expect(res.status).toBe(404);
    expect(res.html).toContain("Dieses Produkt ist nicht in Ihrer Bestellung");
    const posted = await kit.postReviewForm(token, {
      product: "not-bought",
      rating: "5",
      body: "x",
      name: "Pat",
    });
    expect(posted.status).toBe(404);
  });

  it("answers a form with mistakes with the form again, what was typed kept and escaped", async () => {
    const res = await kit.postReviewForm(token, {
      product: "lamp",
      rating: "9",
      title: "<script>alert(1)</script>",
      body: "",
      name: "Pat",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
  });

  it("says what to fix in the shopper's language (the order's, German), not the API's English", async () => {
    const res = await kit.postReviewForm(token, {
      product: "lamp",
      rating: "4",
      title: "Hell",
      body: "",
      name: "",
    });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain("muss eine Bewertung mit 1–5000 Zeichen sein");
    expect(html).toContain("muss ein Name mit 1–80 Zeichen sein");
    expect(html).not.toContain("must be");
  });

  it("answers a NUL character in any field with the form again (422), storing nothing", async () => {
    // PostgreSQL cannot store U+0000 (the form was a 500 there, and stored it on SQLite).
    const reviews = () =>
      kit.server.db.kysely.selectFrom("reviews").select("id").where("store_id", "=", kit.storeId).execute();
    const before = (await reviews()).length;
    const form = {
      product: "bulb",
      rating: "4",
      title: "Bright",
      body: "Warm light, lasts long.",
      name: "Pat",
    };
    for (const field of ["title", "body", "name"] as const) {
      const res = await kit.postReviewForm(token, { ...form, [field]: `a\u0000${form[field]}` });
      expect(res.status, field).toBe(422);
      // In the order's language, as every message of the page.
      expect(await res.text()).toContain("darf kein NUL-Zeichen (U+0000) enthalten");
    }
    expect(await reviews()).toHaveLength(before);
  });

  it("takes a photo through its own form and attaches it to the verified review", async () => {
    const form = new FormData();
    form.append(
      "file",
      new Blob([new Uint8Array(await solidJpeg(500, 400))], { type: "image/jpeg" }),
      "lamp.jpg",
    );
    const uploaded = await fetch(`${kit.server.url}/r/${token}/media?product=lamp&rating=5`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(uploaded.status).toBe(303);
    const back = await page(
      new URL(uploaded.headers.get("location")!, kit.server.url).pathname +
        new URL(uploaded.headers.get("location")!, kit.server.url).search,
    );
    expect(back.html).toContain("1 Foto oder Video wird Ihrer Bewertung beigefügt.");
    expect(back.html).toMatch(/value="5" required checked/);

    const notAPhoto = new FormData();
    notAPhoto.append(
      "file",
      new Blob([new TextEncoder().encode("just text")], { type: "image/jpeg" }),
      "x.jpg",
    );
    const refused = await fetch(`${kit.server.url}/r/${token}/media?product=lamp`, {
      method: "POST",
      body: notAPhoto,
    });
    expect(refused.status).toBe(415);
    expect(await refused.text()).toContain('class="error"');

    const submitted = await kit.postReviewForm(token, {
      product: "lamp",
      rating: "5",
      body: "Bright and steady.",
      name: "Pat",
    });
    expect(submitted.status).toBe(303);
    const list = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews`);
    expect(list.json.items[0]).toMatchObject({ verified: true, rating: 5 });
    expect(list.json.items[0].media).toHaveLength(1);
    // Reviewed: the page says so instead of offering the form again.
    const again = await page(`/r/${token}?product=lamp`);
    expect(again.html).toContain("Sie haben dieses Produkt bereits bewertet");
    // Only the order's other product still offers the form.
    expect(again.html.match(/name="body"/g)).toHaveLength(1);
  });

  it("answers the page's one form with what was typed kept: photo taken, refused or capped", async () => {
    // The page sends one multipart form (the text fields before the file): before, the photo had
    // a form of its own and uploading it dropped the title, review, name and stars beside it.
    const typed = {
      product: "bulb",
      rating: "2",
      title: "<b>Warm</b> & soft",
      body: "Line one\r\nline two",
      name: "Pat",
    };
    // A different photo each time: the same file twice is kept once.
    let shots = 0;
    const jpeg = async () =>
      new Blob([new Uint8Array(await solidJpeg(300 + shots++, 200))], { type: "image/jpeg" });
    const send = async (path: string, file: Blob | null, fields: Record<string, string> = typed) => {
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append("file", file ?? new Blob([]), file ? "bulb.jpg" : "");
      const res = await fetch(`${kit.server.url}/r/${token}${path}`, {
        method: "POST",
        body: form,
        redirect: "manual",
      });
      return { status: res.status, html: await res.text(), connection: res.headers.get("connection") };
    };
    const keptTyping = (html: string) => {
      expect(html).toContain('value="&lt;b&gt;Warm&lt;/b&gt; &amp; soft"');
      expect(html).toContain(">Line one\nline two</textarea>");
      expect(html).toContain('value="Pat"');
      expect(html).toMatch(/value="2" required checked/);
    };

    const uploaded = await send("/media?product=bulb", await jpeg());
    expect(uploaded.status).toBe(200);
    keptTyping(uploaded.html);
    expect(uploaded.html).toContain("1 Foto oder Video wird Ihrer Bewertung beigefügt.");

    const notAPhoto = await send("/media?product=bulb", new Blob([new TextEncoder().encode("just text")]));
    expect(notAPhoto.status).toBe(415);
    keptTyping(notAPhoto.html);
    expect(notAPhoto.html).toContain("Nur Fotos");

    const noFile = await send("/media?product=bulb", null);
    expect(noFile.status).toBe(422);
    keptTyping(noFile.html);
    expect(noFile.html).toContain("Wählen Sie zuerst ein Foto oder Video.");

    // Sent with the review, the photo is kept even when the text needs fixing.
    const unfinished = await send("/reviews", await jpeg(), { ...typed, body: "" });
    expect(unfinished.status).toBe(422);
    expect(unfinished.html).toContain("2 Fotos oder Videos werden Ihrer Bewertung beigefügt.");
    expect(unfinished.html).toContain('value="Pat"');

    // Up to the cap; one more is refused in German, with what was typed, the rest left unread.
    for (let n = 2; n < LIMITS.mediaPerReview; n++)
      expect((await send("/media?product=bulb", await jpeg(), { product: "bulb" })).status).toBe(303);
    const overCap = await send("/media?product=bulb", await jpeg());
    expect(overCap.status).toBe(422);
    expect(overCap.connection).toBe("close");
    keptTyping(overCap.html);
    expect(overCap.html).toContain(`höchstens ${LIMITS.mediaPerReview} Fotos oder Videos pro Bewertung`);

    const submitted = await send("/reviews", null);
    expect(submitted.status).toBe(303);
    const list = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/bulb/reviews`);
    expect(list.json.items[0]).toMatchObject({
      verified: true,
      rating: 2,
      title: typed.title,
      body: "Line one\nline two",
    });
    expect(list.json.items[0].media).toHaveLength(LIMITS.mediaPerReview);
  });

  it("takes the review when uploads sent at once passed the cap together: the first ones go with it", async () => {
    // Each upload checks the count before its body arrives: eleven at once all pass it. Before,
    // the review then carried 11 media ids and was refused for good (422 on a field the page does
    // not show), with no way on the page to take a photo away.
    await kit.order("o-many-photos", { email: "many@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "many@example.com")!;
    const own = pageTokenOf(pageLinkOf(mail));
    // Each a different photo: the same file twice is kept once (the next test).
    const photos = await Promise.all(
      Array.from({ length: LIMITS.mediaPerReview + 1 }, (_, i) => solidJpeg(64 + i, 48)),
    );
    const uploads = await Promise.all(
      photos.map((photo) => {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "p.jpg");
        return fetch(`${kit.server.url}/r/${own}/media?product=lamp`, {
          method: "POST",
          body: form,
          redirect: "manual",
        });
      }),
    );
    const taken = uploads.filter((res) => res.status === 303).length;
    expect(taken).toBeGreaterThanOrEqual(LIMITS.mediaPerReview);
    const submitted = await kit.postReviewForm(own, {
      product: "lamp",
      rating: "3",
      body: "Many photos.",
      name: "Mo",
    });
    expect(submitted.status).toBe(303);
    const list = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews`);
    const review = list.json.items.find((r: { body: string }) => r.body === "Many photos.");
    expect(review.media).toHaveLength(LIMITS.mediaPerReview);
  });

  /** Each copy of a form sent at once answered with the thanks; one review, with its one photo. */
  const expectThanksAndOnce = async (answers: Response[], own: string, body: string) => {
    for (const res of answers) {
      expect(res.status, await res.text()).toBe(303);
      expect(res.headers.get("location")).toContain(`/r/${own}/thanks?product=lamp`);
    }
    const list = await getJson(`${kit.server.url}/v1/stores/${kit.storeId}/products/lamp/reviews?limit=50`);
    const stored = list.json.items.filter((r: { body: string }) => r.body === body);
    expect(stored).toHaveLength(1);
    expect(stored[0].media).toHaveLength(1);
  };

  it("answers the same form sent at once more than once (a double press, a browser's resend) with one review and the thanks page", async () => {
    // Before, the copy that came second found the page's photo taken by the first and answered
    // the API's error (422, JSON) in place of a page: the shopper saw raw JSON, their review stored.
    await kit.order("o-twice", { email: "twice@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "twice@example.com")!;
    const own = pageTokenOf(pageLinkOf(mail));
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(await solidJpeg(64, 48))], { type: "image/jpeg" }), "p.jpg");
    const uploaded = await fetch(`${kit.server.url}/r/${own}/media?product=lamp`, {
      method: "POST",
      body: form,
      redirect: "manual",
    });
    expect(uploaded.status).toBe(303);
    const fields = { product: "lamp", rating: "4", body: "Sent twice by the browser.", name: "Tw" };
    const answers = await Promise.all([1, 2, 3].map(() => kit.postReviewForm(own, fields)));
    await expectThanksAndOnce(answers, own, fields.body);
    // Another text for the reviewed product is a second review: refused with a page.
    const other = await kit.postReviewForm(own, { ...fields, body: "Something else." });
    expect(other.status).toBe(409);
    expect(await other.text()).toContain("<html");
  });

  it("keeps the photo of the same form sent at once more than once (two tabs, a double press) once", async () => {
    // Before, each copy stored the photo: the review could take both ("2 Fotos"), or the copy
    // whose review was refused left its own behind, waiting for a review that was recorded.
    await kit.order("o-twice-photo", { email: "twice-photo@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "twice-photo@example.com")!;
    const own = pageTokenOf(pageLinkOf(mail));
    const request = await kit.requestOf("o-twice-photo");
    const photo = new Uint8Array(await solidJpeg(80, 60, "#3366aa"));
    const fields = { product: "lamp", rating: "5", body: "One photo, sent twice.", name: "Ph" };
    const send = () => {
      // As the page sends it: the text fields, then the file.
      const form = new FormData();
      for (const [name, value] of Object.entries(fields)) form.append(name, value);
      form.append("file", new Blob([photo], { type: "image/jpeg" }), "lamp.jpg");
      return fetch(`${kit.server.url}/r/${own}/reviews`, { method: "POST", body: form, redirect: "manual" });
    };
    const unattached = () =>
      kit.server.db.kysely
        .selectFrom("media")
        .select("id")
        .where("store_id", "=", kit.storeId)
        .where("review_id", "is", null)
        .orderBy("id")
        .execute();
    const unattachedBefore = await unattached();
    const answers = await Promise.all([send(), send(), send()]);
    await expectThanksAndOnce(answers, own, fields.body);
    // No other copy left behind: not waiting on the page, not stored unattached.
    const waiting = await kit.server.db.kysely
      .selectFrom("review_request_media")
      .select("media_id")
      .where("request_id", "=", request.id)
      .execute();
    expect(waiting).toEqual([]);
    expect(await unattached()).toEqual(unattachedBefore);
    const thanks = await fetch(
      `${kit.server.url}${new URL(answers[0]!.headers.get("location")!).pathname}?product=lamp`,
    );
    expect(thanks.status).toBe(200);
  });

  it("refuses an expired token with a page of its own", async () => {
    kit.time.advance(91 * DAY);
    const res = await page(`/r/${token}`);
    expect(res.status).toBe(410);
    expect(res.html).toContain("abgelaufen");
  });
});
