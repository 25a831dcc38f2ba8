// Theme tokens and the base every widget root needs, as TS strings (the same module runs in Node
// for SSR). Public knobs are `--plaudit-*` custom properties set on the page (they cross the
// shadow boundary); widgets read only the private `--p-*` copies resolved here.
//
// Contrast (WCAG AA) of the defaults on their background: text ≥ 15:1, muted text ≥ 6:1,
// accent/focus ring ≥ 5:1 (and on-accent text on accent ≥ 5:1), stars ≥ 5:1, empty stars and
// borders ≥ 3:1 (non-text contrast).

/** name → [light default, dark default] */
const TOKENS: Record<string, [string, string]> = {
  text: ["#1f2328", "#e6edf3"],
  muted: ["#57606a", "#9198a1"],
  bg: ["#ffffff", "#0d1117"],
  surface: ["#f6f8fa", "#161b22"],
  border: ["#8c959f", "#6e7681"],
  accent: ["#0a58ca", "#4493f8"],
  "on-accent": ["#ffffff", "#0d1117"],
  star: ["#b45309", "#e3b341"],
  "star-empty": ["#8c959f", "#6e7681"],
  focus: ["#0a58ca", "#4493f8"],
  danger: ["#b42318", "#f85149"],
  skeleton: ["#e6e9ed", "#21262d"],
};

/** `--p-*` for `names` (all by default): the merchant's `--plaudit-*`, else `value` of the defaults. */
const tokens = (value: (defaults: [string, string]) => string, names = Object.keys(TOKENS)) =>
  names.map((name) => `--p-${name}:var(--plaudit-${name},${value(TOKENS[name]!)});`).join("");

const dark = `${tokens((d) => d[1])}color-scheme:dark;`;

/** A token's default in a scheme (what a page theme leaves unset is checked against it, server side). */
export const themeDefault = (name: string, scheme: "light" | "dark"): string =>
  TOKENS[name]![scheme === "dark" ? 1 : 0];

/**
 * Every widget root element carries `plaudit-root`. It starts from `all: initial` (display back to
 * the element's own): an inherited property the page forces on the host — any of them, `!important`
 * or not — stops there; `zoom` is not inherited but scales everything under the host, so the host's is
 * pinned (an !important declaration inside a shadow root wins over the page's); custom properties (the `--plaudit-*` knobs) and `direction` are not part of
 * `all`, so theming and the page's `dir` still reach in. Zero specificity: every rule of ours wins. The theme comes from `data-theme` on that root
 * (from the config: the host's, else the script tag's — so a theme set only on the script tag works
 * without touching the page's DOM) or on the host itself.
 */
export const themeCss = `
:host{zoom:1!important}
:where(.plaudit-root){all:initial;display:revert}
.plaudit-root{${tokens((d) => d[0])}color-scheme:light;
--p-radius:var(--plaudit-radius,6px);
--p-font:var(--plaudit-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
--p-font-size:var(--plaudit-font-size,15px);}
:host([data-theme="dark"]) .plaudit-root,.plaudit-root[data-theme="dark"]{${dark}}
@media (prefers-color-scheme:dark){:host([data-theme="auto"]) .plaudit-root,.plaudit-root[data-theme="auto"]{${dark}}}
`;

/**
 * The theme `auto` for a widget with no background of its own (the star badge, the inline points
 * text): it sits on the page's background, so in a dark-mode browser it turns dark only when the
 * page has a dark mode too (its `color-scheme` says `dark`, e.g. `light dark`) — a light shop seen
 * in a dark-mode browser drew the badge's count and the points text in the dark theme's light
 * greys on its white (1.2:1). `root` is the widget's root class; `names` the tokens it paints
 * with (the root always carries the theme). Browsers without light-dark() keep the OS rule.
 */
export const onPageCss = (root: string, names: string[]) =>
  `@media (prefers-color-scheme:dark){@supports (color:light-dark(red,red)){${root}[data-theme=auto]{color-scheme:inherit;${tokens(
    (d) => `light-dark(${d})`,
    names,
  )}}}}`;

/**
 * Pins every inherited property on the root so the page's CSS (even `* { all: revert
 * !important; font-size: 40px !important }`, which reaches the host element) changes nothing inside.
 * The focus ring is drawn on the root itself too (the star badge's link is its widget's root, and
 * `all: initial` took the browser's own ring away), not only inside it.
 */
export const baseCss = `
:host{display:block}
:host([hidden]){display:none}
.plaudit-root{box-sizing:border-box;margin:0;padding:0;
font-family:var(--p-font);font-size:var(--p-font-size);line-height:1.5;font-weight:400;font-style:normal;
font-variant:normal;font-stretch:normal;letter-spacing:normal;word-spacing:normal;text-transform:none;
text-align:start;text-indent:0;text-decoration:none;text-shadow:none;white-space:normal;word-break:normal;
overflow-wrap:anywhere;visibility:visible;cursor:auto;list-style:none;color:var(--p-text);}
.plaudit-root *,.plaudit-root *::before,.plaudit-root *::after{box-sizing:border-box}
.plaudit-root [hidden]{display:none !important}
/* Resets use :where() (no specificity) so component classes such as .plaudit-button always win. */
:where(.plaudit-root) :where(button,input,select,textarea){font:inherit;color:inherit;letter-spacing:inherit}
.plaudit-root:focus-visible,.plaudit-root :focus-visible{outline:2px solid var(--p-focus);outline-offset:2px}
.plaudit-root :focus:not(:focus-visible){outline:none}
.plaudit-visually-hidden{position:absolute !important;inline-size:1px;block-size:1px;margin:-1px;padding:0;border:0;
overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap}
.plaudit-button{display:inline-flex;align-items:center;justify-content:center;gap:6px;min-block-size:32px;
min-inline-size:32px;padding-block:4px;padding-inline:12px;border:1px solid var(--p-border);
border-radius:var(--p-radius);background:var(--p-bg);color:var(--p-text);font-size:14px;line-height:20px;
font-weight:600;cursor:pointer;text-decoration:none}
.plaudit-button:hover{border-color:var(--p-text)}
.plaudit-button:disabled,.plaudit-button[aria-disabled=true]{cursor:not-allowed;opacity:.6}
.plaudit-button--primary{background:var(--p-accent);border-color:var(--p-accent);color:var(--p-on-accent)}
.plaudit-button--primary:hover{border-color:var(--p-text)}
.plaudit-button--quiet{border-color:transparent;background:transparent;padding-inline:6px;font-weight:400}
.plaudit-button--quiet:hover{border-color:var(--p-border)}
.plaudit-button[aria-pressed="true"]{border-color:var(--p-accent);color:var(--p-accent);font-weight:700}
`;
