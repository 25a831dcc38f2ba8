// The launcher's styles. It cannot use @plaudit/ui's themeCss: ui's chunk (with Preact) would
// double what a page with only the launcher downloads. So it reads the same public knobs
// (--plaudit-accent, --plaudit-on-accent, --plaudit-focus, --plaudit-font, --plaudit-radius) with
// the same light defaults as ui/src/theme.ts — keep the two in step. px only; logical insets so
// RTL puts it in the mirrored corner. Like ui's themeCss, the root starts from `all: initial`, so no
// inherited property the page forces on the host reaches the button, and the host's zoom is pinned.
export const launcherCss = `
:host{display:block;zoom:1!important}
:where(.plaudit-launcher-root,.plaudit-launcher-slot){all:initial;display:revert}
.plaudit-launcher-root{position:fixed;inset-block-end:16px;inset-inline-end:16px;z-index:2147482000;
margin:0;padding:0;font-family:var(--plaudit-font,system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif);
font-size:15px;line-height:20px;font-weight:400;letter-spacing:normal;text-transform:none;text-align:start;
color:#1f2328;visibility:visible}
.plaudit-launcher-root[data-waiting]{visibility:hidden}
.plaudit-launcher-root[data-position="start"]{inset-inline-end:auto;inset-inline-start:16px}
.plaudit-launcher-root[data-launcher="inline"]{position:static;display:inline-block}
.plaudit-launcher{display:inline-flex;align-items:center;gap:8px;box-sizing:border-box;min-block-size:44px;
max-inline-size:220px;margin:0;padding-block:0;padding-inline:16px;border:2px solid var(--plaudit-on-accent,#ffffff);
border-radius:22px;background:var(--plaudit-accent,#0a58ca);color:var(--plaudit-on-accent,#ffffff);
font:inherit;font-weight:700;cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.3)}
.plaudit-launcher-root[data-launcher="inline"] .plaudit-launcher{box-shadow:none;border-radius:var(--plaudit-radius,6px)}
.plaudit-launcher:focus-visible{outline:3px solid var(--plaudit-focus,#0a58ca);outline-offset:2px}
.plaudit-launcher:focus:not(:focus-visible){outline:none}
.plaudit-launcher svg{flex:none}
.plaudit-launcher-balance{font-variant-numeric:tabular-nums;white-space:nowrap;font-weight:400;
padding-inline-start:8px;border-inline-start:1px solid currentColor}
.plaudit-launcher-balance[hidden]{display:none}
/* ui's dark defaults for the three tokens the launcher uses */
.plaudit-launcher-root[data-theme="dark"] .plaudit-launcher{background:var(--plaudit-accent,#4493f8);
color:var(--plaudit-on-accent,#0d1117);border-color:var(--plaudit-on-accent,#0d1117)}
.plaudit-launcher-root[data-theme="dark"] .plaudit-launcher:focus-visible{outline-color:var(--plaudit-focus,#4493f8)}
@media (prefers-color-scheme:dark){.plaudit-launcher-root[data-theme="auto"] .plaudit-launcher{
background:var(--plaudit-accent,#4493f8);color:var(--plaudit-on-accent,#0d1117);border-color:var(--plaudit-on-accent,#0d1117)}
.plaudit-launcher-root[data-theme="auto"] .plaudit-launcher:focus-visible{outline-color:var(--plaudit-focus,#4493f8)}}
@media print{.plaudit-launcher-root{display:none}}
`;
