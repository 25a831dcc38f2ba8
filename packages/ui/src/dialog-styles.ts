// Styles of the modal Dialog. Render it inside a widget's `.plaudit-root` and adopt themeCss and
// baseCss too: the top layer still inherits from the DOM parent, so the dialog takes the widget's
// theme tokens (including a `data-theme` on that root); its own text settings are pinned here.
// px only; logical properties so RTL mirrors by itself. Widths are a share of the viewport (the
// fixed dialog's containing block: 100%), never 100vw: a theme's `zoom` (body{zoom:1.25}) zooms vw
// with everything else, and the dialog was wider than the phone, its close button off screen.

export const dialogCss = `
.plaudit-dialog{position:fixed;inset:0;z-index:2147483000;margin:auto;padding:0;
inline-size:min(560px,calc(100% - 32px));max-inline-size:calc(100% - 32px);
block-size:fit-content;max-block-size:calc(100% - 32px);overflow:auto;overscroll-behavior:contain;
border:1px solid var(--p-border);border-radius:var(--p-radius);background:var(--p-bg);color:var(--p-text);
font-family:var(--p-font);font-size:var(--p-font-size);line-height:1.5;text-align:start;
box-shadow:0 12px 40px rgba(0,0,0,.35)}
.plaudit-dialog:not([open]){display:none}
.plaudit-dialog::backdrop{background:rgba(15,18,22,.6)}
.plaudit-dialog-header{display:flex;align-items:flex-start;gap:12px;padding-block:16px 8px;padding-inline:20px 12px}
.plaudit-dialog-title{flex:1;margin:0;font-size:20px;line-height:28px;font-weight:700;color:var(--p-text)}
.plaudit-dialog-close{flex:none;display:inline-flex;align-items:center;justify-content:center;
inline-size:36px;block-size:36px;margin:-4px 0 0;padding:0;border:1px solid transparent;
border-radius:var(--p-radius);background:transparent;color:var(--p-text);cursor:pointer}
.plaudit-dialog-close:hover{border-color:var(--p-border);background:var(--p-surface)}
.plaudit-dialog-body{padding-block:0 20px;padding-inline:20px}
@media (max-width:480px){.plaudit-dialog{inline-size:calc(100% - 16px);max-inline-size:calc(100% - 16px);
max-block-size:calc(100% - 16px)}}
@media (prefers-reduced-motion:no-preference){.plaudit-dialog[open]{animation:plaudit-dialog-in .15s ease-out}}
@keyframes plaudit-dialog-in{from{opacity:0;transform:translateY(8px)}to{opacity:1;transform:none}}
`;
