// Styles of the loyalty panel's content (the Dialog frame comes from @plaudit/ui's dialogCss).
// px only, logical properties so RTL mirrors by itself, colours only through the theme tokens.
// Forced colors (Windows High Contrast) paint every background Canvas: the progress fill is drawn
// in CanvasText there, or the bar shows nothing.
export const panelCss = `
.plaudit-loyalty{display:flex;flex-direction:column;gap:20px}
.plaudit-loyalty h3{margin:0 0 8px;font-size:16px;line-height:24px;font-weight:700}
.plaudit-loyalty p{margin:0}
.plaudit-loyalty ul{margin:0;padding:0;list-style:none}
.plaudit-loyalty-muted{color:var(--p-muted);font-size:14px;line-height:20px}
.plaudit-loyalty-balance{display:flex;flex-wrap:wrap;align-items:baseline;gap:4px 12px;padding:16px;
border-radius:var(--p-radius);background:var(--p-surface)}
.plaudit-loyalty-balance-figure{font-size:28px;line-height:36px;font-weight:700}
.plaudit-loyalty-full{flex-basis:100%}
.plaudit-loyalty-stack{display:flex;flex-direction:column;gap:4px}
.plaudit-loyalty-progress{inline-size:100%;block-size:8px;border-radius:4px;background:var(--p-bg);
border:1px solid var(--p-border);overflow:hidden}
.plaudit-loyalty-progress-fill{block-size:100%;background:var(--p-accent)}
@media (forced-colors:active){.plaudit-loyalty-progress-fill{forced-color-adjust:none;background:CanvasText}}
.plaudit-loyalty-rows>li{display:flex;align-items:center;justify-content:space-between;gap:12px;
padding-block:8px;border-block-end:1px solid var(--p-border)}
.plaudit-loyalty-rows>li:last-child{border-block-end:0}
.plaudit-loyalty-row-main{display:flex;flex-direction:column;min-inline-size:0}
.plaudit-loyalty-row-main>:first-child{unicode-bidi:plaintext;text-align:match-parent}
.plaudit-loyalty-tag{flex:none;font-size:13px;line-height:20px;padding-inline:8px;border-radius:10px;
border:1px solid var(--p-border);color:var(--p-muted)}
.plaudit-loyalty-tag--done{border-color:var(--p-accent);color:var(--p-accent);font-weight:600}
.plaudit-loyalty-delta{flex:none;font-weight:700;font-variant-numeric:tabular-nums;unicode-bidi:isolate}
.plaudit-loyalty-box{display:flex;flex-direction:column;gap:12px;padding:16px;border:1px solid var(--p-border);
border-radius:var(--p-radius)}
.plaudit-loyalty-box h3:focus{outline:none}
.plaudit-loyalty-box h3:focus-visible{outline:2px solid var(--p-focus);outline-offset:2px}
.plaudit-loyalty-actions{display:flex;flex-wrap:wrap;gap:8px}
.plaudit-loyalty-copy{display:flex;gap:8px}
.plaudit-loyalty-copy input{flex:1;min-inline-size:0;min-block-size:32px;padding-inline:8px;
border:1px solid var(--p-border);border-radius:var(--p-radius);background:var(--p-bg);color:var(--p-text);
font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:14px;direction:ltr}
.plaudit-loyalty-code input{font-size:18px;font-weight:700;letter-spacing:1px}
.plaudit-loyalty-error{color:var(--p-danger)}
.plaudit-loyalty-links{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px}
.plaudit-loyalty a{color:var(--p-accent)}
`;
