// The host element around server-rendered widget markup: declarative shadow DOM (isolated from the
// theme's CSS before any script runs) or plain light DOM, the styles, and the embedded state.
import { type ServerState, STATE_ATTRIBUTE, scriptJson } from "../hydration/server-state.ts";

export type ShadowMode = "declarative" | "light";
/** `inline`: a <style> in the shadow root (under a CSP: `style-src 'unsafe-inline'`, or pass the page's `nonce`); `link`: the server's CSS file. */
export type StylesMode = "inline" | "link";

export interface HostMarkup {
  /** `data-plaudit` attribute value. */
  kind: "reviews" | "stars";
  /** Attributes of the host, in order; undefined ones are left out. Values are escaped here. */
  attributes: Record<string, string | undefined>;
  /** The widget's rendered markup (preact-render-to-string output: already escaped). */
  markup: string;
  shadow: ShadowMode;
  styles: StylesMode;
  /** Our own CSS text for `inline`. */
  css: string;
  /** The stylesheet URL for `link`. */
  stylesheet: string;
  /** The page's CSP nonce, for the inline <style>. */
  nonce?: string | undefined;
  state: ServerState;
}

/** Text for a double-quoted attribute value. */
export const escapeAttribute = (value: string): string =>
  value.replace(/[&"<>]/g, (ch) => ({ "&": "&amp;", '"': "&quot;", "<": "&lt;", ">": "&gt;" })[ch] ?? ch);

const attributeText = (kind: string, attributes: Record<string, string | undefined>): string =>
  Object.entries({ "data-plaudit": kind, ...attributes })
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => ` ${name}="${escapeAttribute(value)}"`)
    .join("");

/** A host with nothing inside: the browser loads and renders it as if there were no server rendering. */
export const emptyHostMarkup = (kind: HostMarkup["kind"], attributes: HostMarkup["attributes"]): string =>
  `<div${attributeText(kind, attributes)}></div>`;

export function hostMarkup(host: HostMarkup): string {
  const attributes = attributeText(host.kind, host.attributes);
  const styles =
    host.styles === "link"
      ? `<link rel="stylesheet" href="${escapeAttribute(host.stylesheet)}">`
      : `<style${host.nonce ? ` nonce="${escapeAttribute(host.nonce)}"` : ""}>${host.css}</style>`;
  // The styles go first: Chromium attaches a declarative shadow root at the template's start tag
  // and streams the content into it, so a frame painted mid-parse would show the widget unstyled
  // and then shift (seen in CI). Hydration moves them behind the widget (ui/render-into-root.tsx).
  const content =
    host.shadow === "light"
      ? `${styles}${host.markup}`
      : `<template shadowrootmode="open">${styles}${host.markup}</template>`;
  const state = `<script type="application/json" ${STATE_ATTRIBUTE}>${scriptJson(host.state)}</script>`;
  return `<div${attributes}>${content}${state}</div>`;
}
