// The reviews widget's CSS (px only; colours only through theme tokens; logical properties so RTL
// lays out by itself). Forced colors (Windows High Contrast) paint every background Canvas: the
// histogram's fill is drawn in CanvasText there, its track outlined, or the bars show nothing. A
// bar's width comes from its percent's tens and units classes, defined with the stars' (ui's
// digitClasses): the widget adopts starsCss before this.
// The filter checkboxes are 24 px targets themselves (WCAG 2.5.8), not 18 px boxes in a 3 px
// margin: the same 24 px in the row (nothing moves), the box drawn a little larger.

/** The summary and its skeleton share this height, so nothing moves when data arrives. */
export const SUMMARY_HEIGHT = 168;

export const reviewsCss = `
.plaudit-reviews{display:flex;flex-direction:column;gap:16px;padding:16px;background:var(--p-bg);border-radius:var(--p-radius)}
.plaudit-reviews__header{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:12px}
.plaudit-reviews__title{margin:0;font-size:20px;line-height:28px;font-weight:700;color:var(--p-text)}
.plaudit-summary{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start;min-block-size:${SUMMARY_HEIGHT}px}
.plaudit-summary__average{display:flex;flex-direction:column;gap:4px;min-inline-size:140px}
.plaudit-summary__number{font-size:40px;line-height:48px;font-weight:700}
.plaudit-summary__count{margin:0;color:var(--p-muted);font-size:14px;line-height:20px}
.plaudit-histogram{flex:1 1 240px;margin:0;padding:0;list-style:none;display:flex;flex-direction:column;gap:4px}
.plaudit-histogram__bar{display:grid;grid-template-columns:56px 1fr 48px;align-items:center;gap:8px;inline-size:100%;
min-block-size:28px;padding-block:2px;padding-inline:6px;border:1px solid transparent;border-radius:var(--p-radius);
background:transparent;color:var(--p-text);font-size:14px;line-height:20px;cursor:pointer;text-align:start}
.plaudit-histogram__bar:hover{border-color:var(--p-border)}
.plaudit-histogram__bar[aria-pressed="true"]{border-color:var(--p-accent);font-weight:700}
.plaudit-histogram__bar:disabled{cursor:default;color:var(--p-muted)}
.plaudit-histogram__track{position:relative;display:block;block-size:8px;border-radius:4px;background:var(--p-skeleton);overflow:hidden}
.plaudit-histogram__fill{position:absolute;inset-block:0;inset-inline-start:0;background:var(--p-star);
inline-size:calc(var(--p-tens,0)*10% + var(--p-units,0)*1%)}
@media (forced-colors:active){.plaudit-histogram__track{outline:1px solid}.plaudit-histogram__fill{forced-color-adjust:none;background:CanvasText}}
.plaudit-histogram__count{text-align:end;color:var(--p-muted);font-variant-numeric:tabular-nums}
.plaudit-toolbar,.plaudit-votes{margin:0;padding:0;border:0;min-inline-size:0}
.plaudit-toolbar{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.plaudit-field{display:inline-flex;align-items:center;gap:6px;font-size:14px;line-height:20px}
.plaudit-select,.plaudit-search__input{min-block-size:32px;padding-block:4px;padding-inline:8px;border:1px solid var(--p-border);
border-radius:var(--p-radius);background:var(--p-bg);color:var(--p-text);font-size:14px;line-height:20px}
.plaudit-check{inline-size:24px;block-size:24px;margin:0;accent-color:var(--p-accent)}
.plaudit-search{display:flex;gap:6px;flex:1 1 220px}
.plaudit-search__input{flex:1 1 auto;min-inline-size:0}
.plaudit-search>button{flex:none}
.plaudit-list{margin:0;padding:0;list-style:none;display:flex;flex-direction:column}
.plaudit-list[aria-busy=true]{opacity:.6}
.plaudit-review{display:flex;flex-direction:column;gap:8px;padding-block:16px;border-block-start:1px solid var(--p-skeleton)}
.plaudit-review:focus{outline:none}
.plaudit-review:focus-visible{outline:2px solid var(--p-focus);outline-offset:2px}
.plaudit-review__head{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.plaudit-review__title{margin:0;font-size:16px;line-height:24px;font-weight:700}
.plaudit-review__meta{margin:0;display:flex;flex-wrap:wrap;align-items:center;gap:8px;color:var(--p-muted);font-size:14px;line-height:20px}
.plaudit-review__author{color:var(--p-text);font-weight:600}
.plaudit-badge{display:inline-flex;align-items:center;gap:4px;color:var(--p-text);font-size:13px;line-height:20px}
.plaudit-review__body{margin:0;white-space:pre-line}
.plaudit-review__more{align-self:flex-start}
.plaudit-media{display:flex;flex-wrap:wrap;gap:8px;margin:0;padding:0;list-style:none}
.plaudit-media__open{position:relative;display:block;margin:0;padding:0;border:1px solid var(--p-border);border-radius:var(--p-radius);
background:var(--p-skeleton);overflow:hidden;cursor:zoom-in}
.plaudit-media__thumb{display:block;inline-size:64px;block-size:64px;object-fit:cover}
.plaudit-media__video{position:absolute;inset-inline:0;inset-block-end:0;display:flex;align-items:center;gap:2px;padding:2px;
background:rgba(0,0,0,.7);color:#fff;font-size:12px;line-height:16px;direction:ltr}
.plaudit-reply{margin:0;margin-inline-start:16px;padding-block:8px;padding-inline:12px;border-inline-start:3px solid var(--p-border);background:var(--p-surface);border-radius:var(--p-radius)}
.plaudit-reply__head{margin:0;font-size:14px;line-height:20px;font-weight:700}
.plaudit-reply__body{margin:0;white-space:pre-line}
.plaudit-votes__question{float:inline-start;padding:0;margin-inline-end:6px;line-height:32px}
.plaudit-votes{display:flex;flex-wrap:wrap;align-items:center;gap:6px;color:var(--p-muted);font-size:14px;line-height:20px}
.plaudit-votes__count{font-variant-numeric:tabular-nums}
.plaudit-notice{margin:0;padding:12px;border-radius:var(--p-radius);background:var(--p-surface);display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.plaudit-notice--error{border-inline-start:3px solid var(--p-danger)}
.plaudit-more{display:flex;justify-content:center;padding-block:8px}
button.plaudit-rest{position:fixed !important;inset:0}
.plaudit-skeleton{display:block;border-radius:var(--p-radius);background:var(--p-skeleton)}
.plaudit-skeleton--summary{min-block-size:${SUMMARY_HEIGHT}px}
.plaudit-skeleton--line{block-size:16px;margin-block:8px}
@media (prefers-reduced-motion:no-preference){.plaudit-skeleton{animation:plaudit-pulse 1.2s ease-in-out infinite alternate}}
@keyframes plaudit-pulse{from{opacity:1}to{opacity:.55}}`;
