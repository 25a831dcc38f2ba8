// Styles of the write-a-review form, adopted into the widget's shadow root with the Dialog's and
// RatingInput's. px only (the page's rem must not resize us), logical properties for RTL, colours
// from the theme tokens (AA contrast documented in @plaudit/ui theme.ts), 36px+ targets.

export const writeReviewCss = `
.plaudit-write-review{display:flex;flex-direction:column;font-size:15px;line-height:22px}
.plaudit-write-review-form{display:flex;flex-direction:column;gap:16px;margin:0}
.plaudit-write-review-field{display:flex;flex-direction:column;gap:4px}
.plaudit-write-review-label{font-size:15px;line-height:22px;font-weight:600;color:var(--p-text)}
.plaudit-write-review-hint{margin:0;font-size:13px;line-height:18px;color:var(--p-muted)}
.plaudit-write-review-input{display:block;inline-size:100%;min-block-size:40px;margin:0;padding-block:8px;
padding-inline:10px;border:1px solid var(--p-border);border-radius:var(--p-radius);background:var(--p-bg);
color:var(--p-text);font-family:var(--p-font);font-size:16px;line-height:22px}
textarea.plaudit-write-review-input{min-block-size:120px;resize:vertical}
.plaudit-write-review-input:focus-visible{outline:2px solid var(--p-focus);outline-offset:1px;border-color:var(--p-focus)}
.plaudit-write-review-input[aria-invalid="true"]{border-color:var(--p-danger);box-shadow:inset 0 0 0 1px var(--p-danger)}
.plaudit-write-review-error{display:flex;align-items:flex-start;gap:6px;margin:0;font-size:14px;line-height:20px;
font-weight:600;color:var(--p-danger)}
.plaudit-write-review-error svg{flex:none;margin-block-start:2px}
.plaudit-write-review-count{font-size:13px;line-height:18px;color:var(--p-muted);text-align:end}
.plaudit-write-review-count.is-over{color:var(--p-danger);font-weight:600}
.plaudit-write-review-trap{position:absolute;inset-inline-start:-10000px;inline-size:1px;block-size:1px;overflow:hidden}
.plaudit-write-review-alert{margin:0;font-size:15px;line-height:22px;color:var(--p-text)}
.plaudit-write-review-alert:empty{margin-block-start:-16px}
.plaudit-write-review-alert:not(:empty){padding-block:10px;padding-inline:12px;border:1px solid var(--p-danger);
border-inline-start-width:4px;border-radius:var(--p-radius);background:var(--p-bg)}
.plaudit-write-review > .plaudit-write-review-actions{margin-block-start:16px}
.plaudit-write-review-actions{display:flex;flex-wrap:wrap;gap:12px;justify-content:flex-end}
.plaudit-write-review-actions .plaudit-button{min-block-size:40px;padding-inline:16px;font-size:15px;line-height:22px}
.plaudit-write-review .plaudit-button[aria-disabled="true"]{cursor:progress;opacity:.75}
.plaudit-write-review-status{margin:0;font-size:16px;line-height:24px;color:var(--p-text)}
.plaudit-write-review-status:not(:empty):not(:first-child){margin-block-start:16px}
.plaudit-write-review-status.is-done{padding:12px;border:1px solid var(--p-border);border-inline-start:4px solid var(--p-accent);
border-radius:var(--p-radius);background:var(--p-surface)}
`;
