import { defineConfig } from "vite";

// A storefront built with Vite + Preact that imports Plaudit from npm (no script tag). Vite
// compiles Preact's JSX itself (add @preact/preset-vite for Preact's devtools and HMR); its
// dev server's dependency scan reads JSX options of its own, else it looks for React's runtime.
// Point it at a running Plaudit server and store (defaults: http://localhost:8787, demo):
//   VITE_PLAUDIT_API=http://localhost:8787 VITE_PLAUDIT_STORE=demo npm run dev -w examples/npm-app
const jsx = { runtime: "automatic", importSource: "preact" } as const;

export default defineConfig({
  oxc: { jsx },
  optimizeDeps: { rolldownOptions: { transform: { jsx } } },
  build: { outDir: "dist", emptyOutDir: true },
});
