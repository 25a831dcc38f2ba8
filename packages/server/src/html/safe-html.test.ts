import { describe, expect, it } from "vitest";
import { html, trusted } from "./safe-html.ts";

describe("safe html", () => {
  it("escapes interpolated text in content and attributes, keeps nested templates", () => {
    const name = `<img src=x onerror="alert(1)">&'`;
    const out = html`<p title="${name}">${name}${html`<b>${"ok"}</b>`}${[1, html`<i></i>`]}${null}</p>`;
    expect(out.value).toBe(
      `<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&amp;&#39;<b>ok</b>1<i></i></p>`,
    );
    expect(html`${trusted("<br>")}`.value).toBe("<br>");
  });
});
