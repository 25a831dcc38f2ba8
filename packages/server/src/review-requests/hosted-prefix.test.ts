import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  oneClickUrlOf,
  pageLinkOf,
  type RequestKit,
  recipientOf,
  startRequestKit,
} from "../../testing/request-test-kit.ts";
import { databasesUnderTest } from "../../testing/test-server.ts";

// PLAUDIT_PUBLIC_URL may carry a path: a reverse proxy serves Plaudit at https://shop.example/reviews
// and strips /reviews before passing requests on. The email's links, the hosted page's forms, its
// redirects and the unsubscribe page must all stay under that prefix, or they leave Plaudit.

const PREFIX = "/reviews";
const HOP_BY_HOP = new Set(["host", "connection", "content-length", "transfer-encoding", "keep-alive"]);

/** A reverse proxy on 127.0.0.1 that passes PREFIX/… to `upstream` without the prefix (404 else). */
async function startPrefixProxy(upstream: string): Promise<{ url: string; server: Server }> {
  const server = createServer(async (req, res) => {
    if (!req.url?.startsWith(`${PREFIX}/`)) {
      res.writeHead(404).end("not under the prefix");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.entries(req.headers).filter(([name]) => !HOP_BY_HOP.has(name)) as [
      string,
      string,
    ][];
    const answer = await fetch(`${upstream}${req.url.slice(PREFIX.length)}`, {
      method: req.method ?? "GET",
      headers,
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
      redirect: "manual",
    });
    const body = Buffer.from(await answer.arrayBuffer());
    const out = [...answer.headers].filter(([name]) => !HOP_BY_HOP.has(name) && name !== "content-encoding");
    res.writeHead(answer.status, Object.fromEntries(out)).end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", () => done()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe.each(databasesUnderTest())("the hosted pages under a path prefix on %s", (kind) => {
  let kit: RequestKit;
  let proxy: { url: string; server: Server };
  beforeAll(async () => {
    kit = await startRequestKit(kind);
    proxy = await startPrefixProxy(kit.server.url);
    kit.server.app.ctx.publicUrl = `${proxy.url}${PREFIX}`;
    await kit.settings({ reminderDays: 0 });
    await kit.product("lamp", "Desk lamp");
    await kit.product("bulb", "Warm bulb");
  });
  afterAll(async () => {
    await new Promise<void>((done) => proxy.server.close(() => done()));
    await kit.close();
  });

  const inside = (url: string) => expect(url.startsWith(`${proxy.url}${PREFIX}/r/`), url).toBe(true);

  it("keeps the review form, its redirect, the thank-you page's links and the unsubscribe form under it", async () => {
    await kit.order("o-prefix", { email: "pia@example.com" });
    await kit.runner().drain();
    const mail = kit.sink.messages.find((m) => recipientOf(m) === "pia@example.com")!;
    const link = pageLinkOf(mail);
    inside(link);
    const token = new URL(link).pathname.split("/").at(-1) as string;

    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    const actions = [...html.matchAll(/<form[^>]*action="([^"]+)"/g)].map(
      (m) => new URL((m[1] as string).replaceAll("&amp;", "&"), link).href,
    );
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) inside(action);

    const reviewAction = actions.find((action) => action.endsWith("/reviews"))!;
    const posted = await fetch(reviewAction, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        product: "lamp",
        rating: "5",
        body: "Bright and steady.",
        name: "Pia",
      }).toString(),
      redirect: "manual",
    });
    expect(posted.status).toBe(303);
    const thanksUrl = new URL(posted.headers.get("location")!, reviewAction).href;
    inside(thanksUrl);
    const thanks = await fetch(thanksUrl);
    expect(thanks.status).toBe(200);
    const thanksHtml = await thanks.text();
    const links = [...thanksHtml.matchAll(/<a[^>]*href="([^"]+)"/g)].map(
      (m) => new URL((m[1] as string).replaceAll("&amp;", "&"), thanksUrl).href,
    );
    const toOthers = links.filter((href) => href.includes(`/r/${token}?product=bulb`));
    expect(toOthers.length).toBeGreaterThan(0);
    for (const href of toOthers) inside(href);

    const unsubscribeUrl = oneClickUrlOf(mail);
    inside(unsubscribeUrl);
    const asked = await fetch(unsubscribeUrl);
    const form = /<form[^>]*action="([^"]+)"/.exec(await asked.text())?.[1] as string;
    const formUrl = new URL(form, unsubscribeUrl).href;
    inside(formUrl);
    const done = await fetch(formUrl, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("You are unsubscribed");
  });
});
