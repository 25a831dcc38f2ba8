import { render } from "preact";
import { App } from "./app.tsx";
import { preferredLocale, setLocale } from "./i18n.ts";
import "./styles.css";

// The first screen: the shell and sign-in. Every other screen is its own chunk (app.tsx).
const root = document.getElementById("app");
if (root) {
  setLocale(preferredLocale()).finally(() => render(<App />, root));
}
