// The review form's media field (adopted with the form's styles). px only, logical properties,
// colours from the theme tokens.

export const mediaFieldCss = `
.plaudit-media-field{margin:0;padding:0;border:0;min-inline-size:0}
.plaudit-media-field > legend{padding:0;margin-block-end:4px}
.plaudit-media-field__drop{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;padding:12px;
border:2px dashed var(--p-border);border-radius:var(--p-radius)}
.plaudit-media-field.is-dragging .plaudit-media-field__drop{border-color:var(--p-accent);background:var(--p-surface)}
.plaudit-media-field .plaudit-button{min-block-size:40px}
.plaudit-media-field .plaudit-button[aria-disabled="true"]{cursor:not-allowed;opacity:.6}
.plaudit-media-field__drop-hint{font-size:14px;line-height:20px;color:var(--p-muted)}
@media (pointer:fine){.plaudit-media-field__camera{display:none}}
@media (pointer:coarse){.plaudit-media-field__drop-hint{display:none}}
.plaudit-media-field__list{display:flex;flex-direction:column;gap:6px;margin:0;padding:0;list-style:none}
.plaudit-upload{display:grid;grid-template-columns:minmax(0,1fr) auto;align-items:center;gap:2px 12px;
padding-block:6px;padding-inline:10px;border:1px solid var(--p-skeleton);border-radius:var(--p-radius)}
.plaudit-upload__name{overflow:hidden;text-overflow:ellipsis;white-space:nowrap;font-size:14px;line-height:20px;font-weight:600}
.plaudit-upload__progress{grid-column:1;inline-size:100%;block-size:8px;accent-color:var(--p-accent)}
.plaudit-upload__status{grid-column:1;font-size:13px;line-height:18px;color:var(--p-muted)}
.plaudit-upload.is-failed .plaudit-upload__status{color:var(--p-danger);font-weight:600}
.plaudit-upload__actions{grid-column:2;grid-row:1 / span 3;display:flex;gap:4px}
.plaudit-media-field__notice{margin:0;font-size:14px;line-height:20px;font-weight:600;color:var(--p-danger)}
`;
