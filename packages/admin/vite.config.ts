import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// The admin app: static files under packages/admin/dist, served by the Plaudit server at /admin/.
// Every screen is its own chunk (lazy routes); uPlot loads with the overview only.
const root = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root,
  base: "/admin/",
  logLevel: "warn",
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  define: { "process.env.NODE_ENV": JSON.stringify("production") },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline module-preload polyfill: the admin's CSP allows only its own files.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
