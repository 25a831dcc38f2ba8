import { fileURLToPath } from "node:url";
import { type RouteModule, sendFile } from "@plaudit/server/internals";

/** The demo shop's pages in the repository (from src/ or dist/ alike: three levels up). */
export const DEFAULT_DEMO_DIR = fileURLToPath(new URL("../../../examples/demo-store", import.meta.url));

/** The demo shop's pages under /demo/ (`index.html` for a folder) and `/` → `/demo/`. */
export function demoPages(dir: string): RouteModule {
  return {
    name: "demo-pages",
    register(app) {
      app.get("/", (c) => c.redirect("/demo/", 302));
      app.get("/demo", (c) => c.redirect("/demo/", 301));
      app.get("/demo/*", (c) => sendFile(c, dir, c.req.path.slice("/demo/".length), "public, max-age=60"));
    },
  };
}
