// Pages that enforce Trusted Types (CSP `require-trusted-types-for 'script'`) refuse a plain string
// where HTML or a script's text goes: the paint's markup was refused (its widget mounted instead,
// with the refusal in the console) and JSON-LD's write threw, uncaught. Plaudit puts only two such
// strings, both its own — the server renderer's markup (every user text escaped there) and the JSON
// of its data scripts (JSON-LD, a widget's state) — through one policy named "plaudit": a page that
// lists its policies (`trusted-types …`) lists this one (docs/embed.md). One per page, however many
// copies of Plaudit: a second policy of the same name would be refused.
interface Policy {
  createHTML(html: string): string;
  createScript(json: string): string;
}

const same = (text: string) => text;
// Kept on the page (as core's page singletons are), not in this module: every copy finds it.
const KEY = Symbol.for("plaudit.trusted-types");

/** The page's "plaudit" policy; undefined where the browser has none or the page refuses it. */
export function trusted(): Policy | undefined {
  const page = globalThis as {
    [KEY]?: Policy;
    trustedTypes?: { createPolicy(name: string, rules: Policy): Policy };
  };
  if (!(KEY in page)) {
    try {
      page[KEY] = page.trustedTypes?.createPolicy("plaudit", { createHTML: same, createScript: same });
    } catch {
      page[KEY] = undefined;
    }
  }
  return page[KEY];
}

/** Sets a data script's JSON (refused, on a page that refuses the policy: the script stays as it was). */
export function setJson(script: HTMLScriptElement, json: string): void {
  try {
    script.textContent = trusted()?.createScript(json) ?? json;
  } catch {
    // Trusted Types enforced and our policy refused: nothing else may write it.
  }
}
