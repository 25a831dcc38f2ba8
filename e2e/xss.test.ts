// An XSS corpus submitted through every text field a shopper or merchant fills (title, body,
// author name, the merchant's reply) and rendered in Chromium: on the demo product page by the
// widget, and by the server-rendered snippet route. No script runs (a window.__xss canary), no
// element or attribute is injected (each card has the same DOM shape as a plain one), the text
// shows as text, and the JSON-LD cannot be broken out of.
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_SECRET, harnessOfFile, type ShopPage } from "./harness.ts";
import { themeJsonLd, widgetCodeMounted } from "./reviews-widget-helpers.ts";

const plaudit = harnessOfFile();

/** Each fits the author name's 80 characters. */
const XSS_CORPUS = [
  "<script>window.__xss=1</script>",
  '<img src=x onerror="window.__xss=1">',
  "<svg onload=window.__xss=1><circle r=9></svg>",
  "javascript:window.__xss=1//",
  '"><iframe srcdoc="<script>parent.__xss=1</script>">',
  '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>">',
  "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
  "</script><script>window.__xss=1</script><!--",
  "\u202Egnp.exe ' onmouseover='__xss=1' \u2067{{constructor.constructor('__xss=1')()}}",
];

const TALL = { width: 1280, height: 6000 };
const ADMIN = {
  authorization: `Bearer ${DEMO_SECRET}`,
  "content-type": "application/json",
};

async function submit(fields: { title: string; body: string; name: string; reply: string }): Promise<string> {
  const posted = await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/tee-classic/reviews`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      rating: 4,
      title: fields.title,
      body: fields.body,
      author: { name: fields.name, email: "xss@example.com" },
    }),
  });
  expect(posted.status, await posted.clone().text()).toBe(201);
  const { review } = (await posted.json()) as { review: { id: string } };
  const replied = await fetch(`${plaudit.baseUrl}/v1/admin/reviews/${review.id}`, {
    method: "PATCH",
    headers: ADMIN,
    body: JSON.stringify({ reply: fields.reply }),
  });
  expect(replied.status).toBe(200);
  return review.id;
}

/** Runs in the page: every element of the document and of every open shadow root. */
const ALL_ELEMENTS = `(() => {
  const out = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      out.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return out;
})()`;

/** What a page must not have: the canary set, on* attributes, frames, scripts that are not data. */
async function injected(shop: ShopPage) {
  return shop.page.evaluate(`(() => {
    const all = ${ALL_ELEMENTS};
    return {
      canary: window.__xss,
      handlers: all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => el.tagName + " " + a.name)),
      frames: all.filter((el) => /^(IFRAME|FRAME|OBJECT|EMBED)$/.test(el.tagName)).length,
      scripts: all.filter((el) => el.tagName === "SCRIPT" && !/json$/.test(el.type) && !/plaudit\\.js|shop\\.js/.test(el.src)).map((el) => el.outerHTML.slice(0, 120)),
      jsUrls: all.flatMap((el) => [...el.attributes].filter((a) => /^\\s*javascript:/i.test(a.value)).map((a) => el.tagName + " " + a.name)),
    };
  })()`);
}

const clean = { canary: undefined, handlers: [], frames: 0, scripts: [], jsUrls: [] };

describe("hostile review text", () => {
  const ids: string[] = [];
  let controlId = "";
  beforeAll(async () => {
    controlId = await submit({
      title: "Plain title",
      body: "Plain body.",
      name: "Plain Name",
      reply: "Plain reply.",
    });
    for (const payload of XSS_CORPUS) {
      ids.push(
        await submit({ title: payload, body: `Body ${payload}`, name: payload, reply: `Reply ${payload}` }),
      );
    }
  });

  // The script tag paints the first page from the server's markup and hydrates it on first use;
  // the widget's own code renders it when painting is not possible (here: the snippet refused)
  // and for npm and custom-element mounts (docs/widget-contract.md, "Painted first").
  for (const [how, block] of [
    ["painted, then hydrated", []],
    ["rendered by the widget's code", ["/v1/stores/demo/products/tee-classic/snippet"]],
  ] as const) {
    it(`renders as text in the reviews widget (${how}): no script runs, the cards keep their shape`, async () => {
      const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL, block: [...block] });
      const card = (id: string) => shop.page.locator(`[data-plaudit="reviews"] #plaudit-review-${id}`);
      await expect.poll(() => card(controlId).count()).toBe(1);
      // Hover and click through the cards, so pointer handlers would have fired too.
      for (const id of ids) await card(id).hover();
      // The first pointer over the widget brought its code: checked once it has mounted.
      await expect.poll(() => widgetCodeMounted(shop.page)).toBe(true);

      expect(await injected(shop)).toEqual(clean);
      const shape = (id: string) =>
        shop.page.evaluate((cardId) => {
          const root = document.querySelector('[data-plaudit="reviews"]')!.shadowRoot!;
          const el = root.getElementById(`plaudit-review-${cardId}`)!;
          const sig = (node: Element): string =>
            `${node.tagName}[${[...node.attributes]
              .map((a) => a.name)
              .sort()
              .join(",")}](${[...node.children].map(sig).join("")})`;
          return { shape: sig(el), text: el.textContent ?? "" };
        }, id);
      const control = await shape(controlId);
      for (const [i, id] of ids.entries()) {
        const { shape: s, text } = await shape(id);
        const payload = XSS_CORPUS[i]!;
        expect({ payload, shape: s }).toEqual({ payload, shape: control.shape });
        // Title, body, author and reply all show the characters the shopper typed.
        expect(text.split(payload).length - 1, `${payload} in ${text}`).toBeGreaterThanOrEqual(4);
      }
      expect(shop.pageErrors).toEqual([]);
      await shop.close();
    });
  }

  it("keeps the JSON-LD a single unbroken data script", async () => {
    const shop = await plaudit.open("/demo/tee-classic.html", { viewport: TALL });
    // The demo theme has a Product node: the reviews go into its script.
    const theme = await themeJsonLd(shop.page);
    const source = (await theme.textContent()) ?? "";
    expect(source).not.toMatch(/<\/script|<!--/i);
    const bodies = JSON.stringify(JSON.parse(source));
    expect(bodies).toContain(JSON.stringify(`Body ${XSS_CORPUS[7]}`).slice(1, -1));
    expect(await injected(shop)).toEqual(clean);
    await shop.close();
  });

  it("renders as text in the server-rendered snippet, whose product facts are hostile too", async () => {
    const facts = new URLSearchParams({
      name: XSS_CORPUS[7]!,
      description: XSS_CORPUS[1]!,
      sku: XSS_CORPUS[4]!,
    });
    const snippet = await fetch(`${plaudit.baseUrl}/v1/stores/demo/products/tee-classic/snippet?${facts}`);
    expect(snippet.status).toBe(200);
    const html = await snippet.text();
    const shop = await plaudit.open("/healthz", { viewport: TALL });
    await shop.page.route(`${plaudit.baseUrl}/demo/xss-snippet.html`, (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"></head><body>${html}</body></html>`,
      }),
    );
    await shop.page.goto(`${plaudit.baseUrl}/demo/xss-snippet.html`);
    await shop.page.waitForLoadState("networkidle");
    const text = await shop.page.evaluate(
      () =>
        document.querySelector('[data-plaudit="reviews"]')?.shadowRoot?.textContent ??
        document.body.textContent,
    );
    expect(text).toContain(`Body ${XSS_CORPUS[0]}`);
    expect(await injected(shop)).toEqual(clean);
    for (const source of await shop.page.locator('script[type="application/ld+json"]').allTextContents()) {
      expect(source).not.toMatch(/<\/script|<!--/i);
      expect(() => JSON.parse(source)).not.toThrow();
    }
    expect(shop.pageErrors).toEqual([]);
    await shop.close();
  });
});
