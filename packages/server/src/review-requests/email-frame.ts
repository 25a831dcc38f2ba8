import { html, type SafeHtml, trusted } from "../html/safe-html.ts";
import type { EmailColors } from "./email-colors.ts";
import type { RequestLocale } from "./messages.ts";

// The frame of every Plaudit email (the request, its reminder, both notices): what each mail
// client needs, in one place.
// - Everything needed to read it is inline: Gmail drops <style> in some views (and a whole style
//   element it cannot parse, so dark mode and phone sizes are separate elements), Outlook's Word
//   engine reads only inline styles and attributes.
// - Table layout at a fixed 560 px (Word keeps it), fluid (100 %, at most 560) elsewhere. Word
//   does not pass fonts into nested tables and falls back to Times for a stack it does not know:
//   its own conditional style names a font it has.
// - `lang` and `dir` on the tables too: Gmail drops the <html> element's attributes, and a Hebrew
//   message would read left to right.
// - A hidden preheader (the inbox's preview line), hidden in Outlook too (mso-hide).
// - `color-scheme` for clients that darken on their own, dark colors for those that ask
//   (prefers-color-scheme); email-colors.ts keeps both, and the inverted ones, readable.

export const EMAIL_FONT = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const OUTLOOK_STYLE = trusted(
  "<!--[if mso]><style>table,td,p,a,span{font-family:'Segoe UI',Arial,sans-serif !important}</style><![endif]-->",
);

// After the preheader, invisible characters fill the inbox's preview line, so it does not run on
// into the heading and greeting that follow.
const PREVIEW_STOP = trusted("&zwnj;&nbsp;".repeat(40));

export interface EmailFrame {
  locale: RequestLocale;
  dir: "ltr" | "rtl";
  title: string;
  /** The inbox's preview line. */
  preheader: string;
  /** The store's name, the message's heading. */
  heading: string;
  body: SafeHtml | SafeHtml[];
  /** The small print: why this message came, how to stop it. */
  footer: SafeHtml;
  colors: EmailColors;
}

/** `left` or `right`: where text starts in this direction. */
export const startSide = (dir: "ltr" | "rtl") => (dir === "rtl" ? "right" : "left");

/** Inline link style (its color is the scheme's; dark mode overrides every link). */
export const linkStyle = (colors: EmailColors) => `color:${colors.light.link}`;

/** Inline style for muted text (the `muted` class turns it in dark mode). */
export const mutedStyle = (colors: EmailColors) => `color:${colors.light.muted}`;

/**
 * A "bulletproof" button: the color is on the cell (bgcolor and style), so Outlook shows it, and
 * Outlook's padding is the cell's (mso-padding-alt), since Word ignores padding on a link; other
 * clients pad the link, so all of it is clickable.
 */
export function emailButton(url: string, label: string, colors: EmailColors): SafeHtml {
  const { button, onButton } = colors.light;
  return html`<table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0"><tr><td class="button-cell" align="center" bgcolor="${button}" style="background:${button};border-radius:6px;mso-padding-alt:12px 20px"><a class="button" href="${url}" style="display:inline-block;background:${button};color:${onButton};padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:700;${EMAIL_FONT};font-size:16px;line-height:1.25">${label}</a></td></tr></table>`;
}

function styles(colors: EmailColors): SafeHtml {
  const { light, dark } = colors;
  // Only our own colors (#rrggbb, email-colors.ts) and constants: no user text. What a client may
  // not parse (:root, the color-scheme media query) is all in the second element.
  return trusted(
    `<style>body{margin:0;padding:0;background:${light.page}}@media (max-width:480px){.card-cell{padding:16px !important}.star{font-size:32px !important;padding:0 4px !important}}</style>` +
      `<style>:root{color-scheme:light dark;supported-color-schemes:light dark}@media (prefers-color-scheme:dark){body,.page{background:${dark.page} !important}.card,.text{background:${dark.card} !important;color:${dark.text} !important}.muted{color:${dark.muted} !important}a{color:${dark.link} !important}.star{color:${dark.star} !important}.rule{border-color:${dark.border} !important}.button-cell,.button{background:${dark.button} !important}.button{color:${dark.onButton} !important}}</style>`,
  );
}

/** The whole HTML document of one message. */
export function emailDocument(frame: EmailFrame): string {
  const { locale, dir, colors } = frame;
  const { light } = colors;
  const align = startSide(dir);
  return html`<!doctype html>
<html lang="${locale}" dir="${dir}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<meta name="color-scheme" content="light dark"><meta name="supported-color-schemes" content="light dark">
<title>${frame.title}</title>${styles(colors)}${OUTLOOK_STYLE}</head>
<body style="margin:0;padding:0;background:${light.page}">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;font-size:1px;line-height:1px;opacity:0">${frame.preheader}${PREVIEW_STOP}</div>
<table role="presentation" class="page" lang="${locale}" dir="${dir}" width="100%" cellpadding="0" cellspacing="0" bgcolor="${light.page}" style="background:${light.page}"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" class="card" lang="${locale}" dir="${dir}" width="560" cellpadding="0" cellspacing="0" bgcolor="${light.card}" style="width:100%;max-width:560px;background:${light.card};color:${light.text};border-radius:8px">
<tr><td class="card-cell text" dir="${dir}" style="padding:28px;${EMAIL_FONT};font-size:16px;line-height:1.5;color:${light.text};text-align:${align}">
<p dir="auto" style="margin:0 0 20px;font-size:20px;font-weight:700">${frame.heading}</p>
${frame.body}
<p class="muted" style="margin:24px 0 0;font-size:13px;${mutedStyle(colors)}">${frame.footer}</p>
</td></tr></table></td></tr></table></body></html>`.value;
}
