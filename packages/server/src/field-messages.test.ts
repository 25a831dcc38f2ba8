import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../testing/fixtures.ts";
import { databasesUnderTest, startTestServer, type TestServer } from "../testing/test-server.ts";

// biome-ignore lint/suspicious/noExplicitAny: response bodies are arbitrary JSON the assertions check
type Json = any;

describe.each(databasesUnderTest())("validation messages in the request's language on %s", (kind) => {
  let server: TestServer;
  let storeId: string;
  beforeAll(async () => {
    server = await startTestServer({ db: kind });
    ({ storeId } = await makeStore(server.db));
  });
  afterAll(() => server.close());

  /** A review with every field wrong, sent in `language` from the shop's page. */
  const send = (language?: string) =>
    fetch(`${server.url}/v1/stores/${storeId}/products/lamp/reviews`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: "https://shop.example",
        ...(language ? { "accept-language": language } : {}),
      },
      body: JSON.stringify({ rating: 9, body: "", author: { name: "", email: "not an address" } }),
    }).then(async (r) => ({ status: r.status, headers: r.headers, json: (await r.json()) as Json }));

  it("answers German and Hebrew with the same code and fields, the words in that language", async () => {
    const english = await send();
    expect(english.status).toBe(422);
    expect(english.json.error.fields.body).toBe("must be a review of 1–5000 characters");

    const german = await send("de-DE,de;q=0.9,en;q=0.8");
    expect(german.status).toBe(422);
    expect(german.headers.get("content-language")).toBe("de");
    // What CORS says varies (Origin) stays, with the language added: a cache keeps them apart.
    expect(german.headers.get("vary")).toMatch(/Origin/);
    expect(german.headers.get("vary")).toMatch(/Accept-Language/);
    expect(english.headers.get("vary")).toMatch(/Accept-Language/);
    expect(german.json.error.code).toBe("validation_failed");
    expect(Object.keys(german.json.error.fields)).toEqual(Object.keys(english.json.error.fields));
    expect(german.json.error.fields).toEqual({
      rating: "muss eine ganze Zahl von 1 bis 5 sein",
      body: "muss eine Bewertung mit 1–5000 Zeichen sein",
      "author.name": "muss ein Name mit 1–80 Zeichen sein",
      "author.email": "muss eine E-Mail-Adresse sein",
    });
    expect(german.json.error.message).toBe("rating muss eine ganze Zahl von 1 bis 5 sein");

    const hebrew = await send("he");
    expect(hebrew.json.error.code).toBe("validation_failed");
    expect(hebrew.json.error.fields.body).toBe("צריך להיות ביקורת באורך 1–5000 תווים");
    expect(hebrew.json.error.fields["author.email"]).toBe("צריך להיות כתובת אימייל");

    // A language we do not speak first, then German: German.
    expect((await send("fr-FR, de;q=0.5")).json.error.fields.body).toBe(
      "muss eine Bewertung mit 1–5000 Zeichen sein",
    );
    expect((await send("fr")).json.error.fields).toEqual(english.json.error.fields);
  });

  it("says what review-request settings it refuses in German and Hebrew (the admin app shows them by field)", async () => {
    const { secretKey } = await makeStore(server.db);
    const put = (language: string, from = { name: "", email: "shop" }) =>
      fetch(`${server.url}/v1/admin/review-requests/settings`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${secretKey}`,
          "content-type": "application/json",
          "accept-language": language,
        },
        body: JSON.stringify({ enabled: true, from }),
      }).then(async (r) => (await r.json()) as Json);
    expect((await put("de")).error.fields).toEqual({
      "from.name": "muss ein Absendername mit 1–100 Zeichen sein",
      "from.email": "muss eine E-Mail-Adresse sein",
    });
    expect((await put("he")).error.fields["from.name"]).toBe("צריך להיות שם שולח באורך 1–100 תווים");
    // Valid settings on a server without PLAUDIT_PUBLIC_URL: turning requests on is refused.
    const on = (language: string) => put(language, { name: "Shop", email: "hello@shop.example" });
    expect((await on("de")).error.fields.enabled).toMatch(/^braucht PLAUDIT_PUBLIC_URL auf dem Server/);
    expect((await on("he")).error.fields.enabled).toMatch(/^נדרש PLAUDIT_PUBLIC_URL בשרת/);
  });

  it("says what a loyalty program it refuses has wrong in German and Hebrew (the admin app shows them by field)", async () => {
    const { secretKey } = await makeStore(server.db);
    const put = (language: string) =>
      fetch(`${server.url}/v1/admin/loyalty/program`, {
        method: "PUT",
        headers: {
          authorization: `Bearer ${secretKey}`,
          "content-type": "application/json",
          "accept-language": language,
        },
        body: JSON.stringify({
          pointsName: "Stars",
          earning: [{ action: "signup", points: -1, label: "" }],
          rewards: [
            { id: "a", name: "A", cost: 0, kind: "percent_off", value: 150 },
            { id: "b", name: "B", cost: 1, kind: "amount_off", value: 0 },
          ],
          tiers: [{ id: "t", name: "T", threshold: 0, perks: [""] }],
          settings: { referralUrlTemplate: "https://shop.example/", codeWebhookUrl: "ftp://x" },
        }),
      }).then(async (r) => (await r.json()) as Json);
    expect((await put("he")).error.fields).toEqual({
      "earning.0.points": "אסור שיהיה שלילי",
      "earning.0.label": "צריך להיות תווית באורך 1–120 תווים",
      "rewards.0.cost": "צריך להיות לפחות 1",
      "rewards.0": "הנחה באחוזים צריכה ערך בין 1 ל-100",
      "rewards.1": "הנחה בסכום צריכה ערך גדול מ-0",
      "tiers.0.perks.0": "צריך להיות הטבה באורך 1–200 תווים",
      "settings.referralUrlTemplate": "צריך להכיל את {code}",
      "settings.codeWebhookUrl": "צריך להיות כתובת http(s)",
    });
    expect((await put("de")).error.fields["rewards.0"]).toBe("Prozent Rabatt braucht einen Wert von 1–100");
  });

  it("chooses by q-value, not by order: the most wanted language we speak", async () => {
    const hebrewBody = "צריך להיות ביקורת באורך 1–5000 תווים";
    const germanBody = "muss eine Bewertung mit 1–5000 Zeichen sein";
    const englishBody = "must be a review of 1–5000 characters";
    const cases: [string, string][] = [
      ["de;q=0.1, he;q=0.9", hebrewBody],
      ["de;q=0.1,he;q=0.9", hebrewBody],
      ["en;q=0.2, de-CH;q=0.8, fr", germanBody],
      ["he;q=0, de;q=0.3", germanBody],
      ["de;Q=0.5, he;q=0.50", germanBody],
      ["fr, he;q=0.4, en;q=0.6", englishBody],
      ["he;q=2, de;q=0.5", germanBody],
      ["*;q=0.9, de;q=0.5", germanBody],
      [";q=1, , de", germanBody],
    ];
    for (const [header, body] of cases) {
      const answer = await send(header);
      expect(answer.status, header).toBe(422);
      expect(answer.json.error.fields.body, header).toBe(body);
    }
    expect((await send("de;q=0.1, he;q=0.9")).headers.get("content-language")).toBe("he");
  });

  it("says why a photo was refused in German and Hebrew: the code the same", async () => {
    const upload = (language: string) => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array([1, 2, 3, 4])], { type: "image/jpeg" }), "x.jpg");
      return fetch(`${server.url}/v1/stores/${storeId}/media`, {
        method: "POST",
        headers: { "accept-language": language },
        body: form,
      }).then(async (r) => ({ status: r.status, json: (await r.json()) as Json }));
    };
    const english = await upload("en");
    const german = await upload("de");
    expect(german.status).toBe(english.status);
    expect(german.json.error.code).toBe(english.json.error.code);
    expect(german.json.error.message).toBe(
      "Nur Fotos (JPEG, PNG, WebP, AVIF, HEIC) und Videos (MP4, WebM, MOV) sind möglich",
    );
    expect((await upload("he")).json.error.message).toMatch(/^אפשר להעלות רק תמונות/);
  });
});
