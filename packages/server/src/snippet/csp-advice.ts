// `plaudit-server csp`: what a page with a strict style-src needs so server-rendered widgets are
// styled from the first frame (docs/ssr.md, "Styles and CSP"). The same hashes the snippet route
// sends in `Plaudit-Style-Src`; they change only with a release.
import { widgetCssFile, widgetStyleHashes } from "@plaudit/reviews/server";

export function cspAdvice(): string {
  const { reviews, stars } = widgetStyleHashes;
  return [
    "Inline styles of server-rendered widgets (styles=inline), as CSP hash sources:",
    `  reviews  '${reviews}'`,
    `  stars    '${stars}'`,
    `  style-src 'self' '${reviews}' '${stars}'`,
    "",
    `Linked stylesheet (styles=link): /${widgetCssFile} on the Plaudit server;`,
    "  copy it to your own origin and pass its path as stylesheet=… for style-src 'self'.",
    "",
  ].join("\n");
}
