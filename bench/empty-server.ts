// The ceiling for bench/api.ts: an empty Hono handler on @hono/node-server, the same stack as
// Plaudit's server, in its own process. Usage: node --import tsx bench/empty-server.ts PORT
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono();
app.get("/", (c) => c.json({ ok: true }));
serve({ fetch: app.fetch, port: Number(process.argv[2]), hostname: "127.0.0.1" });
