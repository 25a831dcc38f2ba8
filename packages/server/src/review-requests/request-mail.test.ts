import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlOf, linksOf } from "../../testing/request-test-kit.ts";
import { type SmtpSink, startSmtpSink } from "../../testing/smtp-sink.ts";
import { type Mailer, MailRefused } from "../mail/mailer.ts";
import { smtpMailer } from "../mail/smtp-mailer.ts";
import { inverted } from "./email-colors.ts";
import { contrast, MIN_ACCENT_CONTRAST, MIN_TEXT_CONTRAST } from "./page/page-colors.ts";
import { type EmailProduct, type RequestEmailInput, requestEmail } from "./request-email.ts";

// The request email as another mail client receives it: composed, sent through nodemailer to a
// real SMTP server on 127.0.0.1, and read back both raw (headers, encodings, line lengths) and
// parsed by mailparser (what a client shows).

const TOKEN = "q.AbCdEfGhIjKlMnOp12.mabcdefg.abcdefghijklmnopqrstuv";
const ORIGIN = "https://reviews.lumen.example";

function input(overrides: Partial<RequestEmailInput> = {}): RequestEmailInput {
  return {
    to: "ana@example.com",
    from: { name: "Lumen & Co", address: "hello@lumen.example" },
    storeName: "Lumen & Co",
    customerName: "Ana",
    locale: "en",
    products: [
      { productId: "lamp", name: "Desk lamp", imageUrl: "https://cdn.lumen.example/lamp.jpg" },
      { productId: "bulb", name: "Warm bulb", imageUrl: null },
    ],
    pageUrl: (productId, rating) =>
      `${ORIGIN}/r/${TOKEN}?product=${encodeURIComponent(productId)}${rating ? `&rating=${rating}` : ""}`,
    unsubscribeUrl: `${ORIGIN}/r/unsubscribe/${TOKEN}`,
    messageId: "<rr-abc@reviews.lumen.example>",
    reminder: false,
    ...overrides,
  };
}

/** Every http(s) URL of a text part (they end at whitespace). */
const urlsOf = (text: string) => [...text.matchAll(/https?:\/\/\S+/g)].map((m) => m[0]);

describe("the request email as mail clients receive it", () => {
  let sink: SmtpSink;
  let mailer: Mailer;
  beforeAll(async () => {
    sink = await startSmtpSink();
    mailer = smtpMailer(sink.url);
  });
  afterAll(async () => {
    mailer.close();
    await sink.close();
  });

  async function deliver(
    overrides: Partial<RequestEmailInput> = {},
  ): Promise<{ mail: ParsedMail; raw: string }> {
    const before = sink.count();
    await mailer.send(requestEmail(input(overrides)));
    await sink.waitFor(before + 1);
    return { mail: sink.messages.at(-1) as ParsedMail, raw: sink.raws.at(-1) as string };
  }

  it("carries every link of its HTML in the text part, each star's included", async () => {
    const { mail } = await deliver();
    const inHtml = new Set(linksOf(mail));
    const inText = new Set(urlsOf(mail.text ?? ""));
    // 2 products × (5 stars + write a review) + unsubscribe.
    expect(inHtml.size).toBe(13);
    expect(inText).toEqual(inHtml);
    expect(mail.text).toContain(`4 stars: ${ORIGIN}/r/${TOKEN}?product=bulb&rating=4`);
    // The same words: the store's name heads both.
    expect(mail.text?.startsWith("Lumen & Co\n\nHi Ana,\n")).toBe(true);
  });

  it("offers the one-click unsubscribe and a mailto to the store's reply address, and says it is bulk", async () => {
    const unsubscribe = `${ORIGIN}/r/unsubscribe/${TOKEN}`;
    for (const [replyTo, address] of [
      ["help@lumen.example", "help@lumen.example"],
      [null, "hello@lumen.example"],
    ] as const) {
      const { mail, raw } = await deliver({ replyTo });
      const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
      // The https one first (RFC 8058, with List-Unsubscribe-Post); the mailto for clients that
      // unsubscribe by mail (Apple Mail), its body the one-click link for whoever reads it.
      const header = /^List-Unsubscribe: (.*)$/m.exec(head)?.[1];
      expect(header).toBe(
        `<${unsubscribe}>, <mailto:${address}?subject=unsubscribe&body=${encodeURIComponent(unsubscribe)}>`,
      );
      // As a mail client's parser reads it: both addresses.
      const parsed = (mail.headers.get("list") as { unsubscribe?: { url?: string; mail?: string } })
        .unsubscribe;
      expect(parsed?.url).toBe(unsubscribe);
      expect(parsed?.mail).toBe(`${address}?subject=unsubscribe&body=${encodeURIComponent(unsubscribe)}`);
      expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
      expect(head).toMatch(/^Precedence: bulk$/m);
    }
  });

  it("goes to one mailbox only, whatever an order's email holds", async () => {
    for (const to of [
      "ana@example.com, eve@example.com",
      "ana@example.com;eve@example.com",
      "Ana <ana@example.com>, eve@example.com",
      "ana@example.com\r\nBcc: eve@example.com",
    ]) {
      const before = sink.count();
      const refused = await mailer.send(requestEmail(input({ to }))).catch((error: unknown) => error);
      expect(refused, to).toBeInstanceOf(MailRefused);
      expect((refused as MailRefused).permanent).toBe(true);
      await mailer.send(requestEmail(input({ to: "dana@example.com" })));
      await sink.waitFor(before + 1);
      expect(sink.count(), to).toBe(before + 1);
      expect(sink.messages.at(-1)?.to).toMatchObject({ value: [{ address: "dana@example.com" }] });
    }
  });

  it("is CRLF throughout: no bare LF or CR in headers or bodies", async () => {
    const { raw } = await deliver({
      customerName: "Dana",
      products: [{ productId: "p1", name: "Lamp", imageUrl: null }],
      locale: "he",
    });
    expect(raw).toContain("\r\n");
    expect(raw.match(/[^\r]\n|\r(?!\n)/g)).toBeNull();
  });

  it("keeps lang and dir where Gmail drops the <html> element's", async () => {
    for (const [locale, dir, side] of [
      ["he", "rtl", "right"],
      ["de", "ltr", "left"],
    ] as const) {
      const { mail } = await deliver({ locale });
      // Gmail (web and app) drops <html> and <body>: the page and the card carry them too.
      const body = htmlOf(mail).replace(/^[\s\S]*?<body[^>]*>/, "");
      for (const name of ["page", "card"])
        expect(body).toMatch(new RegExp(`<table[^>]*class="${name}"[^>]*lang="${locale}" dir="${dir}"`));
      expect(body).toMatch(new RegExp(`class="card-cell text" dir="${dir}" style="[^"]*text-align:${side}`));
    }
  });

  it("reads in Outlook's Word engine: a bulletproof button, fonts named in nested tables", async () => {
    const { mail } = await deliver();
    const body = htmlOf(mail);
    // Word ignores padding on a link: the cell carries the button's color and Outlook's padding.
    expect(body).toMatch(
      /<td class="button-cell"[^>]*bgcolor="#0a58ca" style="background:#0a58ca;[^"]*mso-padding-alt:12px 20px"><a class="button"[^>]*style="display:inline-block;[^"]*color:#ffffff;padding:12px 20px/,
    );
    // Word passes no font into a nested table: each product's cell names its own, and Outlook's
    // conditional style a font it has (it takes Times for a stack it does not know).
    for (const cell of body.match(/<td class="text"[^>]*>/g) ?? []) expect(cell).toMatch(/font-family:/);
    expect(body.match(/<td class="text"/g)).toHaveLength(2);
    expect(body).toContain("<!--[if mso]><style>table,td,p,a,span{font-family:'Segoe UI',Arial,sans-serif");
    // Dark mode is a style element of its own: a client that drops one it cannot parse keeps the
    // phone sizes.
    const styles = body.match(/<style>[\s\S]*?<\/style>/g) ?? [];
    expect(
      styles.filter((s) => s.includes("max-width:480px") && !s.includes("prefers-color-scheme")),
    ).toHaveLength(1);
    expect(styles.filter((s) => s.includes("prefers-color-scheme:dark"))).toHaveLength(1);
  });

  /** The colors a received message pairs, light (inline) and dark (its dark-mode style). */
  function colorPairs(body: string) {
    const one = (pattern: RegExp) => {
      const found = pattern.exec(body)?.[1];
      if (!found) throw new Error(`no ${pattern}`);
      return found;
    };
    const card = one(/<table[^>]*class="card"[^>]*bgcolor="(#[0-9a-f]{6})"/);
    const button = one(/<td class="button-cell"[^>]*bgcolor="(#[0-9a-f]{6})"/);
    const onButton = one(/<a class="button"[^>]*;color:(#[0-9a-f]{6})/);
    const links = [...body.matchAll(/<a (?!class="(?:button|star)")[^>]*style="color:(#[0-9a-f]{6})/g)].map(
      (m) => m[1] as string,
    );
    const stars = [...body.matchAll(/<a class="star"[^>]*style="color:(#[0-9a-f]{6})/g)].map(
      (m) => m[1] as string,
    );
    const muted = [...body.matchAll(/class="muted" style="[^"]*color:(#[0-9a-f]{6})/g)].map(
      (m) => m[1] as string,
    );
    const text = one(/class="card-cell text"[^>]*;color:(#[0-9a-f]{6})/);
    const dark = {
      card: one(/\.card,\.text\{background:(#[0-9a-f]{6})/),
      text: one(/\.card,\.text\{background:#[0-9a-f]{6} !important;color:(#[0-9a-f]{6})/),
      muted: one(/\.muted\{color:(#[0-9a-f]{6})/),
      link: one(/\ba\{color:(#[0-9a-f]{6})/),
      star: one(/\.star\{color:(#[0-9a-f]{6})/),
      button: one(/\.button-cell,\.button\{background:(#[0-9a-f]{6})/),
      onButton: one(/\.button\{color:(#[0-9a-f]{6})/),
    };
    expect(links.length).toBeGreaterThan(0);
    // [foreground, background, the least contrast WCAG 2.2 AA asks, light (inline) or dark]
    return {
      button,
      link: links[0],
      pairs: [
        [text, card, MIN_TEXT_CONTRAST],
        ...muted.map((c) => [c, card, MIN_TEXT_CONTRAST]),
        ...links.map((c) => [c, card, MIN_TEXT_CONTRAST]),
        ...stars.map((c) => [c, card, MIN_ACCENT_CONTRAST]),
        [onButton, button, MIN_TEXT_CONTRAST],
        [button, card, MIN_ACCENT_CONTRAST],
        [dark.text, dark.card, MIN_TEXT_CONTRAST, "dark"],
        [dark.muted, dark.card, MIN_TEXT_CONTRAST, "dark"],
        [dark.link, dark.card, MIN_TEXT_CONTRAST, "dark"],
        [dark.star, dark.card, MIN_ACCENT_CONTRAST, "dark"],
        [dark.onButton, dark.button, MIN_TEXT_CONTRAST, "dark"],
        [dark.button, dark.card, MIN_ACCENT_CONTRAST, "dark"],
      ] as [string, string, number, string?][],
    };
  }

  it("takes the store's accent where it reads, light, dark and inverted, and Plaudit's own elsewhere", async () => {
    for (const [accent, used] of [
      [undefined, false],
      ["#7a3e9d", true],
      ["#ffd54f", false], // a pale yellow: not on a white card
      ["#1a1a1a", true], // near black: on white, not in dark mode
      ["#767676", false], // black on it reads, but white on its inverse does not
    ] as const) {
      const { mail } = await deliver(accent ? { theme: { accent } } : {});
      const { button, link, pairs } = colorPairs(htmlOf(mail));
      expect(button === accent, `${accent}`).toBe(used);
      if (accent && used) expect(link).toBe(accent);
      if (accent === "#767676") expect(link).toBe(accent);
      for (const [foreground, background, min, scheme] of pairs) {
        // As sent, and (light) as a client that inverts colors (the Gmail and Outlook apps)
        // shows it; one that applies the dark colors does not invert them too.
        expect(
          contrast(foreground, background),
          `${accent}: ${foreground} on ${background}`,
        ).toBeGreaterThanOrEqual(min);
        if (scheme !== "dark")
          expect(
            contrast(inverted(foreground), inverted(background)),
            `${accent}: ${foreground} on ${background}, inverted`,
          ).toBeGreaterThanOrEqual(min);
      }
    }
  });

  it("keeps every header one line and encoded, whatever the names hold", async () => {
    const hostile = 'Lumen "Ü" & Co\r\nBcc: evil@x.example\r\n\r\n<b>';
    const { mail, raw } = await deliver({
      from: { name: hostile, address: "hello@lumen.example" },
      storeName: `${hostile} 日本 🎉`,
      customerName: "Dana\r\nX-Evil: 1",
      locale: "de",
      products: [{ productId: "lamp", name: `Küchenlampe\nBcc: evil@x.example "Aurora" ✨`, imageUrl: null }],
    });
    const head = raw.slice(0, raw.indexOf("\r\n\r\n"));
    // No injected header, raw or decoded; folded lines only continue a header.
    expect(head).not.toMatch(/^(bcc|x-evil):/im);
    expect(mail.headers.has("bcc")).toBe(false);
    expect(mail.headers.has("x-evil")).toBe(false);
    expect(mail.bcc).toBeUndefined();
    // What a client shows as the sender and the subject is one line, every character kept.
    expect(mail.from?.value[0]).toEqual({
      name: 'Lumen "Ü" & Co Bcc: evil@x.example <b>',
      address: "hello@lumen.example",
    });
    expect(mail.subject).toBe('Wie gefällt Ihnen Küchenlampe Bcc: evil@x.example "Aurora" ✨?');
    for (const line of raw.split("\r\n")) expect(line.length).toBeLessThanOrEqual(998);
    // The one-click unsubscribe on one line as sent (not folded after its colon, which some
    // parsers read back with a leading space).
    expect(head).toMatch(
      new RegExp(
        `^List-Unsubscribe: <${ORIGIN}/r/unsubscribe/${TOKEN.replaceAll(".", "\\.")}>, <mailto:`,
        "m",
      ),
    );
    expect(head).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    // Sent by a program: out-of-office responders do not answer it (RFC 3834; Exchange's own).
    expect(head).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(head).toMatch(/^X-Auto-Response-Suppress: OOF, AutoReply$/m);
    expect(head).toMatch(/^Date: /m);
    expect(head).toMatch(/^MIME-Version: 1\.0$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative;/m);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/);
    expect(raw).toMatch(/Content-Type: text\/html; charset=utf-8/);
  });

  it("decodes German, Hebrew, Japanese and emoji subjects, names and bodies exactly", async () => {
    for (const [locale, store, product, customer] of [
      ["de", "Grüße & Söhne", "Schürze „Öko“", "Jürgen"],
      ["he", "חנות הכובעים", "כובע צמר 🧶", "דנה"],
      ["en", "東京ストア", "抹茶カップ 🍵", "さくら"],
    ] as const) {
      const { mail } = await deliver({
        from: { name: store, address: "hello@lumen.example" },
        storeName: store,
        customerName: customer,
        locale,
        products: [{ productId: "p1", name: product, imageUrl: null }],
      });
      expect(mail.from?.value[0]?.name).toBe(store);
      expect(mail.subject).toContain(product);
      expect(mail.text).toContain(product);
      expect(mail.text).toContain(customer);
      expect(htmlOf(mail)).toContain(product);
      expect(htmlOf(mail)).toContain(`lang="${locale}" dir="${locale === "he" ? "rtl" : "ltr"}"`);
    }
  });

  it("shows names as text and never puts a non-http(s) URL in a src or href", async () => {
    const { mail } = await deliver({
      storeName: "<script>alert(1)</script>",
      customerName: '"><img src=x onerror=alert(1)>',
      products: [
        {
          productId: "p1",
          name: "{{constructor.constructor('alert(1)')()}}",
          imageUrl: "javascript:alert(1)",
        },
        { productId: "p2", name: "Lamp", imageUrl: "data:image/svg+xml,<svg onload=alert(1)>" },
        { productId: "p3", name: "Bulb", imageUrl: 'https://cdn.example/a.jpg" onerror="alert(1)' },
      ],
    });
    const body = htmlOf(mail);
    // Inside a quoted attribute value, text is inert; outside of one, no tag is a script or has
    // an event handler (the names' "<img onerror>" is text: &lt;img …).
    const tags = body.replace(/"[^"]*"/g, '""').match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((tag) => /^<script|\son\w+=/i.test(tag))).toEqual([]);
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).toContain("{{constructor.constructor(&#39;alert(1)&#39;)()}}");
    const sources = [...body.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] as string);
    expect(sources.length).toBeGreaterThan(0);
    for (const url of sources) expect(url).toMatch(/^https:\/\//);
    // The one picture with an http(s) URL stays, its quote escaped inside the attribute.
    expect(body).toContain('src="https://cdn.example/a.jpg&quot; onerror=&quot;alert(1)"');
  });

  it("reads without its <style>: links, stars and the button styled inline, 560 px for Outlook", async () => {
    const { mail } = await deliver();
    const body = htmlOf(mail);
    // Gmail drops <style> in some views and Outlook reads only inline styles and attributes.
    const anchors = [...body.matchAll(/<a\s[^>]*>/g)].map((m) => m[0]);
    expect(anchors.length).toBe(14);
    for (const anchor of anchors) expect(anchor).toMatch(/style="[^"]*color:#/);
    const stars = anchors.filter((a) => a.includes("rating="));
    for (const star of stars) expect(star).toMatch(/style="[^"]*text-decoration:none[^"]*font-size:\d+px/);
    // The card: a fixed width Outlook's Word engine keeps, fluid (100 %, at most 560 px) elsewhere.
    expect(body).toMatch(/<table[^>]*class="card"[^>]*width="560"[^>]*style="width:100%;max-width:560px/);
    // The button's colour sits on its cell too (Word ignores an inline link's background and padding).
    expect(body).toMatch(/<td[^>]*bgcolor="#0a58ca"[^>]*><a class="button"/);
    // The preheader stays hidden in Outlook too, and invisible characters end the preview there.
    expect(body).toMatch(
      /<div style="display:none;[^"]*mso-hide:all[^"]*">Thank you for shopping at Lumen &amp; Co\.[^<]*(&zwnj;&nbsp;){40}<\/div>/,
    );
    // Every picture has its size and alt text.
    for (const img of body.match(/<img\s[^>]*>/g) ?? [])
      expect(img).toMatch(/width="\d+" height="\d+" alt="[^"]+"/);
  });

  it("stays under Gmail's 102 KB clip for a 500-product order, the rest one link away", async () => {
    const longest = (i: number): EmailProduct => ({
      // The catalog's longest: 200-character ids and 300-character names, here in Japanese (3
      // bytes a character, 9 when percent-encoded), and 500-character picture URLs.
      productId: `${i}-${"商品".repeat(99)}`.slice(0, 200),
      name: `${i} ${"抹茶カップ🍵".repeat(60)}`.slice(0, 300),
      imageUrl: `https://cdn.lumen.example/${"x".repeat(460)}/${i}.jpg`,
    });
    const plain = (i: number): EmailProduct => ({
      productId: `sku-${i}`,
      name: `Product ${i}`,
      imageUrl: `https://cdn.lumen.example/${i}.jpg`,
    });
    for (const product of [plain, longest]) {
      for (const locale of ["en", "he"] as const) {
        const products = Array.from({ length: 500 }, (_, i) => product(i));
        const { mail, raw } = await deliver({
          locale,
          products,
          storeName: "店".repeat(200),
          customerName: "名".repeat(80),
        });
        // The whole message as transferred (both parts, encoded), not only its HTML.
        expect(Buffer.byteLength(raw)).toBeLessThan(102 * 1000);
        const shown = new Set(
          linksOf(mail)
            .filter((link) => link.includes("rating="))
            .map((link) => new URL(link).searchParams.get("product")),
        );
        expect(shown.size).toBeGreaterThan(0);
        expect(shown.size).toBeLessThan(500);
        // The hosted page lists the whole order; the email says how many more there are.
        const rest = 500 - shown.size;
        expect(mail.text).toMatch(new RegExp(`\\b${rest}\\b`));
        expect(htmlOf(mail)).toMatch(new RegExp(`\\b${rest}\\b`));
      }
    }
  });
});
