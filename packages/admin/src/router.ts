import { signal } from "./signal.ts";

// Routes live in the URL's fragment (#/queue?status=pending): the server serves one index.html
// for /admin/, and the invite link's token never reaches the server or a Referer.

export interface Route {
  name: string;
  params: URLSearchParams;
}

function parse(hash: string): Route {
  const [path = "", query = ""] = hash.replace(/^#\/?/, "").split("?");
  return { name: path || "", params: new URLSearchParams(query) };
}

export const route = signal<Route>(parse(location.hash));
addEventListener("hashchange", () => {
  route.value = parse(location.hash);
});

export function href(name: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "")).toString();
  return `#/${name}${query ? `?${query}` : ""}`;
}

export function go(name: string, params: Record<string, string> = {}): void {
  location.hash = href(name, params);
}
