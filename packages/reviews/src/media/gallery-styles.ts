// The gallery widget's CSS (px only, logical properties, theme tokens). Grid tiles are square
// crops; carousel slides keep each photo's own shape at a fixed height. Either way the box is
// known before the image arrives.

export const galleryCss = `
.plaudit-gallery{display:flex;flex-direction:column;gap:12px;padding:8px;background:var(--p-bg);border-radius:var(--p-radius)}
.plaudit-gallery__grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(140px,1fr));gap:8px;margin:0;padding:0;list-style:none}
.plaudit-gallery__tile{position:relative;display:block;inline-size:100%;margin:0;padding:0;border:1px solid var(--p-border);
border-radius:var(--p-radius);background:var(--p-skeleton);overflow:hidden;cursor:zoom-in}
.plaudit-gallery__grid .plaudit-gallery__image{display:block;inline-size:100%;block-size:auto;aspect-ratio:1 / 1 !important;object-fit:cover}
.plaudit-gallery__skeleton{min-block-size:296px}
.plaudit-media__video{position:absolute;inset-inline:0;inset-block-end:0;display:flex;align-items:center;gap:2px;padding:2px 6px;
background:rgba(0,0,0,.7);color:#fff;font-size:12px;line-height:16px;direction:ltr}
.plaudit-carousel{display:flex;flex-direction:column;gap:8px}
.plaudit-carousel__controls{display:flex;gap:8px;justify-content:flex-end}
.plaudit-carousel__controls .plaudit-button{min-block-size:40px;min-inline-size:40px}
[dir="rtl"] .plaudit-carousel__arrow{transform:scaleX(-1)}
.plaudit-carousel__track{display:flex;gap:8px;margin:0;padding:0 0 8px;list-style:none;overflow-x:auto;scroll-snap-type:x mandatory;
overscroll-behavior-x:contain}
.plaudit-carousel__slide{flex:none;scroll-snap-align:start}
.plaudit-carousel .plaudit-gallery__image{display:block;block-size:220px;inline-size:auto;max-inline-size:80vw;object-fit:cover}
.plaudit-notice{margin:0;padding:12px;border-radius:var(--p-radius);background:var(--p-surface);display:flex;flex-wrap:wrap;gap:12px;align-items:center}
.plaudit-notice--error{border-inline-start:3px solid var(--p-danger)}
.plaudit-more{display:flex;justify-content:center}
.plaudit-skeleton{display:block;border-radius:var(--p-radius);background:var(--p-skeleton)}
`;
