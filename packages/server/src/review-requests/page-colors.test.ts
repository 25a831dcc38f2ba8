import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeStore } from "../../testing/fixtures.ts";
import { pageLinkOf, type RequestKit, recipientOf, startRequestKit } from "../../testing/request-test-kit.ts";
import { databasesUnderTest, startTestServer } from "../../testing/test-server.ts";
import { contrast, pageScheme, textOnAccent, themeProblems } from "./page/page-colors.ts";

// The hosted review page in the merchant's colors stays readable: saving refuses what would not
// be, the button text is chosen against the accent, a colored page keeps one scheme.

describe("the hosted page's colors", () => {
  it("measures contrast as WCAG does", () => {
    expect(contrast("#ffffff", "#000000")).toBe(21);
    expect(contrast("#000000", "#ffffff")).toBe(21);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
    expect(contrast("#0a58ca", "#0a58ca")).toBe(1);
  });

  it("writes button text that reads on any accent", () => {
    expect(textOnAccent("#ffd700")).toBe("#000000");
    expect(textOnAccent("#7a3e9d")).toBe("#ffffff");
    for (const accent of [
      "#ff0000",
      "#00ff00",
      "#0000ff",
      "#808080",
      "#767676",
      "#ffd700",
      "#00a0a0",
      "#ff69b4",
    ])
      expect(contrast(textOnAccent(accent), accent), accent).toBeGreaterThanOrEqual(4.5);
  });

  it("keeps one scheme once the merchant picks a color, the browser's otherwise", () => {
    expect(pageScheme({})).toBe("auto");
    expect(pageScheme({ accent: "#7a3e9d" })).toBe("light");
    expect(pageScheme({ background: "#1a1a2e" })).toBe("dark");
    expect(pageScheme({ background: "#fdf6e3" })).toBe("light");
    expect(pageScheme({ text: "#eeeeee" })).toBe("dark");
    expect(pageScheme({ text: "#222222" })).toBe("light");
  });

  it("names the color that would leave text or buttons unreadable", () => {
    expect(themeProblems({})).toBeNull();
    expect(themeProblems({ accent: "#7a3e9d", text: "#222222", background: "#ffffff" })).toBeNull();
    expect(themeProblems({ accent: "#ffd700" })).toEqual({
      "theme.accent": expect.stringMatching(
        /^has 1\.\d:1 contrast with the background: buttons and the focus ring need at least 3:1$/,
      ),
    });
    // The same yellow on the merchant's dark background is fine.
    expect(themeProblems({ accent: "#ffd700", background: "#1a1a2e" })).toBeNull();
    // Grey text alone gets the dark scheme, where it reads; on the merchant's white it does not.
    expect(themeProblems({ text: "#999999" })).toBeNull();
    expect(themeProblems({ text: "#999999", background: "#ffffff" })).toEqual({
      "theme.text": expect.stringMatching(
        /^has 2\.\d:1 contrast with the background: text needs at least 4\.5:1$/,
      ),
    });
    // A mid-grey background suits neither scheme's text: the background is the color to change.
    expect(Object.keys(themeProblems({ background: "#777777" }) ?? {})).toEqual(["theme.background"]);
  });
});

describe.each(databasesUnderTest())("review-request settings' colors and mail on %s", (kind) => {
  let kit: RequestKit;
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    await kit.product("lamp", "Desk lamp");
  });
  afterAll(() => kit.close());

  const put = (theme: Record<string, string>, language = "en") =>
    fetch(`${kit.server.url}/v1/admin/review-requests/settings`, {
      method: "PUT",
      headers: {
        authorization: `Bearer ${kit.secretKey}`,
        "content-type": "application/json",
        "accept-language": language,
      },
      body: JSON.stringify({
        enabled: true,
        delayDays: 0,
        from: { name: "Lumen", email: "hello@lumen.example" },
        theme,
      }),
    }).then(async (r) => ({ status: r.status, json: await r.json() }));

  it("refuses colors that leave the page unreadable, by field and in the merchant's language, saving nothing", async () => {
    await kit.settings({ theme: { accent: "#7a3e9d" } });
    const yellow = await put({ accent: "#ffd700" });
    expect(yellow.status).toBe(422);
    expect(yellow.json.error.code).toBe("validation_failed");
    expect(Object.keys(yellow.json.error.fields)).toEqual(["theme.accent"]);
    const german = await put({ text: "#aaaaaa", background: "#ffffff" }, "de");
    expect(german.json.error.fields["theme.text"]).toMatch(
      /^hat nur 2\.\d:1 Kontrast zum Hintergrund: Text braucht mindestens 4\.5:1$/,
    );
    const hebrew = await put({ accent: "#ffd700" }, "he");
    expect(hebrew.json.error.fields["theme.accent"]).toMatch(/^יחס הניגודיות לרקע הוא 1\.\d:1 בלבד/);
    expect((await kit.call("GET", "/v1/admin/review-requests/settings")).json.theme).toEqual({
      accent: "#7a3e9d",
    });
  });

  it("paints the hosted page in the merchant's colors with readable button text, in one scheme", async () => {
    const saved = await put({ accent: "#ffd700", background: "#1a1a2e" });
    expect(saved.status).toBe(200);
    await kit.order("o-colors", { email: "colors@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "colors@example.com")!;
    const html = await fetch(pageLinkOf(mail)).then((r) => r.text());
    expect(html).toContain('<body class="plaudit-root" data-theme="dark">');
    expect(html).toContain("--plaudit-accent:#ffd700;--plaudit-focus:#ffd700;--plaudit-on-accent:#000000;");
    expect(html).toContain("--plaudit-bg:#1a1a2e;");
  });

  it("says whether this server can send the emails", async () => {
    const got = await kit.call("GET", "/v1/admin/review-requests/settings");
    expect(got.json.mailReady).toBe(true);
    const saved = await put({});
    expect(saved.json.mailReady).toBe(true);

    const bare = await startTestServer({ db: kind });
    try {
      const { secretKey } = await makeStore(bare.db);
      const answer = await fetch(`${bare.url}/v1/admin/review-requests/settings`, {
        headers: { authorization: `Bearer ${secretKey}` },
      }).then((r) => r.json());
      expect(answer.mailReady).toBe(false);
      expect(answer.enabled).toBe(false);
    } finally {
      await bare.close();
    }
  });
});
