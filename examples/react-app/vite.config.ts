import { defineConfig } from "vite";

// A React storefront built with Vite that imports Plaudit from npm (no script tag). Vite compiles
// React's JSX itself; Plaudit's widgets bring their own Preact inside their shadow roots.
// Point it at a running Plaudit server and store (defaults: http://localhost:8787, demo):
//   VITE_PLAUDIT_API=http://localhost:8787 VITE_PLAUDIT_STORE=demo npm run dev -w examples/react-app
export default defineConfig({
  oxc: { jsx: { runtime: "automatic", importSource: "react" } },
  build: { outDir: "dist", emptyOutDir: true },
});
