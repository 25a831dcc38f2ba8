import preact from "@preact/preset-vite";
import { defineConfig } from "vite";

// A storefront built with Vite + Preact that imports Plaudit from npm (no script tag).
// Point it at a running Plaudit server: VITE_PLAUDIT_API=http://localhost:8787 npm run dev -w examples/npm-app
export default defineConfig({
  plugins: [preact()],
  build: { outDir: "dist", emptyOutDir: true },
});
