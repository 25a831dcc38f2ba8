// The lightbox's CSS on top of ui's dialogCss: a wider dialog, the media beside the review on wide
// screens and above it on narrow ones. px only, logical properties, colours from theme tokens. The
// Previous/Next words never break (320 px, 200 % zoom): the position between them wraps instead.
// The stage is one height for every item (a wide photo, a tall one, a video, the note of a missing
// file), so Previous, Next and × stay under the shopper's finger from one item to the next; beside
// it (wide screens) a long review scrolls in its column (contain:size: it sizes no row) instead of
// pushing Previous/Next below the fold.

export const lightboxCss = `
.plaudit-dialog.plaudit-lightbox{inline-size:min(1040px,calc(100% - 32px))}
.plaudit-lightbox__content{display:grid;grid-template-columns:minmax(0,1fr);gap:12px 24px;align-items:start}
@media (min-width:760px){.plaudit-lightbox__content{grid-template-columns:minmax(0,3fr) minmax(220px,2fr)}
.plaudit-lightbox__review{grid-column:2;grid-row:1 / span 2;contain:size;align-self:stretch;overflow:auto}}
.plaudit-lightbox__stage{display:flex;flex-direction:column;gap:8px;justify-content:center;align-items:center;margin:0;block-size:min(70vh,720px);
background:var(--p-surface);border-radius:var(--p-radius);touch-action:pan-y;user-select:none}
@media (max-width:759px){.plaudit-lightbox__stage{block-size:min(55vh,720px)}}
.plaudit-lightbox__media{display:block;max-inline-size:100%;inline-size:auto;block-size:auto;
max-block-size:100%;min-block-size:0;object-fit:contain;border-radius:var(--p-radius)}
video.plaudit-lightbox__media{inline-size:100%;background:#000}
.plaudit-lightbox__nav{display:flex;align-items:center;justify-content:space-between;gap:12px}
.plaudit-lightbox__nav .plaudit-button{min-block-size:40px;white-space:nowrap;overflow-wrap:normal}
.plaudit-lightbox__position{margin:0;font-size:14px;line-height:20px;color:var(--p-muted);font-variant-numeric:tabular-nums;text-align:center}
@media (max-width:480px){.plaudit-lightbox__nav{gap:4px}}
[dir="rtl"] .plaudit-lightbox__arrow{transform:scaleX(-1)}
.plaudit-lightbox__review{display:flex;flex-direction:column;gap:8px;min-inline-size:0}
.plaudit-lightbox__title{margin:0;font-size:16px;line-height:24px;font-weight:700}
.plaudit-lightbox__meta{margin:0;display:flex;flex-wrap:wrap;gap:8px;align-items:center;font-size:14px;line-height:20px;color:var(--p-muted)}
.plaudit-lightbox__author{color:var(--p-text);font-weight:600}
.plaudit-lightbox__verified{display:inline-flex;align-items:center;gap:4px;color:var(--p-text)}
.plaudit-lightbox__body{margin:0;white-space:pre-line}
.plaudit-lightbox__note{margin:0;padding-inline:12px;color:var(--p-muted);text-align:center}
.plaudit-lightbox__product{align-self:flex-start;color:var(--p-accent);font-weight:600;text-decoration:underline;
min-block-size:24px;line-height:24px}
`;
