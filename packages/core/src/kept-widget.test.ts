import { afterEach, describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";
import { keptDialog, keptWidget } from "./kept-widget.ts";

const inherited = { store: "demo", apiBase: "https://reviews.example" };
// What the markup is read by, in this test: the product and the language.
const address = (host: HTMLElement, config: ReturnType<typeof readConfig>) =>
  `${config.productId} ${config.locale ?? host.closest("[lang]")?.getAttribute("lang")}`;

function host(attributes: string): HTMLElement {
  const holder = document.createElement("div");
  holder.innerHTML = `<div data-plaudit="gallery" ${attributes}></div>`;
  const el = holder.firstElementChild as HTMLElement;
  document.body.append(el);
  return el;
}

function liveWidget() {
  const old = host('data-product-id="tote" data-variant-id="1"');
  const root = old.attachShadow({ mode: "open" });
  root.innerHTML = `<div class="plaudit-root"><button>Photo 1</button><button>Photo 2</button><dialog open>Panel</dialog></div>`;
  const sheet = new CSSStyleSheet();
  root.adoptedStyleSheets = [sheet];
  const kept = keptWidget(
    root,
    address,
    address(old, readConfig(old, inherited)),
    root.querySelectorAll("button")[1],
  );
  // The page takes it out; its code unmounts (empties the root) right after.
  old.remove();
  root.replaceChildren();
  return { kept, sheet };
}

afterEach(() => document.body.replaceChildren());

describe("a live widget kept for the host put in its place", () => {
  it("shows its copy, styled, in an equal host (another variant's id) and puts the keyboard back", () => {
    document.documentElement.lang = "en";
    const { kept, sheet } = liveWidget();
    const next = host('data-product-id="tote" data-variant-id="2"');
    const shown = kept.again!(next, inherited)!;
    expect(shown.live).toBe(true);
    expect(next.shadowRoot!.textContent).toBe("Photo 1Photo 2Panel");
    // A modal panel left the top layer with its host: open again in the copy, for the widget's
    // code to open its own over (keptDialog).
    expect(keptDialog(next.shadowRoot!)?.open).toBe(true);
    expect(next.shadowRoot!.adoptedStyleSheets[0]).toBe(sheet);
    expect(next.shadowRoot!.activeElement?.textContent).toBe("Photo 2");
    // Its code mounts: the copy stays while it does (a widget measuring itself measures its size).
    const done = shown.handOver();
    expect(next.shadowRoot!.textContent).toBe("Photo 1Photo 2Panel");
    // Plain DOM appends its own beside it; the copy goes after the mount, the keyboard on its own.
    const own = document.createElement("div");
    own.innerHTML = "<button>Photo 1</button><button>Photo 2</button>";
    next.shadowRoot!.append(own);
    done();
    expect([...next.shadowRoot!.children]).toEqual([own]);
    expect(next.shadowRoot!.adoptedStyleSheets).toEqual([sheet]);
    expect(next.shadowRoot!.activeElement).toBe(own.querySelectorAll("button")[1]);
  });

  it("shows nothing for another product, another language, or a host with markup of its own", () => {
    document.documentElement.lang = "en";
    const { kept } = liveWidget();
    expect(kept.again!(host('data-product-id="mug"'), inherited)).toBeUndefined();
    expect(kept.again!(host('data-product-id="tote" data-locale="de"'), inherited)).toBeUndefined();
    const rendered = host('data-product-id="tote"');
    rendered.attachShadow({ mode: "open" }).innerHTML = "<p>server markup</p>";
    expect(kept.again!(rendered, inherited)).toBeUndefined();
    expect(rendered.shadowRoot!.textContent).toBe("server markup");
  });

  it("serves the same host back and forth (A → B → A): each copy its own nodes", () => {
    const { kept } = liveWidget();
    const first = host('data-product-id="tote"');
    const copy = kept.again!(first, inherited)!;
    first.remove();
    const second = host('data-product-id="tote"');
    expect(copy.again!(second, inherited)).toBeDefined();
    expect(second.shadowRoot!.querySelectorAll("button").length).toBe(2);
    expect(first.shadowRoot!.querySelectorAll("button").length).toBe(2);
  });
});
