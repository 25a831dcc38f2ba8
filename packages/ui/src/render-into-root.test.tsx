import { describe, expect, it } from "vitest";
import { renderIntoRoot } from "./render-into-root.tsx";

const View = () => (
  <section class="plaudit-root">
    <p>
      Hello <b>there</b>
    </p>
  </section>
);

describe("hydrating server markup", () => {
  it("keeps the server's widget nodes in place and moves the leading <style> behind them", async () => {
    const host = document.createElement("div");
    document.body.append(host);
    const root = host.attachShadow({ mode: "open" });
    root.innerHTML =
      '<style>p{color:red}</style><section class="plaudit-root"><p>Hello <b>there</b></p></section>';
    const section = root.querySelector("section");
    const movedWidget: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const record of records)
        for (const node of [...record.addedNodes, ...record.removedNodes])
          if (node.nodeName !== "STYLE") movedWidget.push(node.nodeName);
    });
    observer.observe(root, { childList: true, subtree: true });

    const unmount = renderIntoRoot(root, <View />, { kind: "test", hydrate: true });
    await new Promise((resolve) => setTimeout(resolve, 0));
    observer.disconnect();

    expect(root.querySelector("section")).toBe(section);
    expect(movedWidget).toEqual([]);
    expect([...root.children].map((el) => el.localName)).toEqual(["section", "style"]);
    unmount();
    document.body.removeChild(host);
  });
});
