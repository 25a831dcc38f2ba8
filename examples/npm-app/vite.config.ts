import { defineConfig } from "vite";

// A storefront built with Vite + Preact that imports Plaudit from npm (no script tag). Vite
// compiles Preact's JSX itself (add @preact/preset-vite for Preact's devtools and HMR).
// Point it at a running Plaudit server and store (defaults: http://localhost:8787, demo):
//   VITE_PLAUDIT_API=http://localhost:8787 VITE_PLAUDIT_STORE=demo npm run dev -w examples/npm-app
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: { outDir: "dist", emptyOutDir: true },
});
