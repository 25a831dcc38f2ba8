// Mounts a widget the way the npm entry does, on a fresh store wired to the fake API.
import { createEvents, createPlauditStore, type PlauditStore } from "@plaudit/core";
import { within } from "@testing-library/preact";
import { type MountWidgetOptions, mountReviews, mountStars } from "../src/index.ts";
import { API_BASE, type FakeApiOptions, fakeApi, STORE } from "./fake-api.ts";

export function testStore(api: ReturnType<typeof fakeApi>): PlauditStore {
  return createPlauditStore({
    client: { fetch: api.fetch, retries: 0 },
    events: createEvents(),
    storage: () => undefined,
  });
}

export function mountWidget(
  kind: "reviews" | "stars",
  apiOptions: FakeApiOptions,
  opts: Partial<MountWidgetOptions> = {},
) {
  const api = fakeApi(apiOptions);
  const store = opts.plauditStore ?? testStore(api);
  const host = document.createElement("div");
  host.setAttribute("data-plaudit", kind);
  document.body.append(host);
  const mount = kind === "reviews" ? mountReviews : mountStars;
  const unmount = mount(host, {
    store: STORE,
    apiBase: API_BASE,
    productId: "tee",
    plauditStore: store,
    ...opts,
  });
  const root = host.shadowRoot!;
  return { api, store, host, root, view: within(root as unknown as HTMLElement), unmount };
}
