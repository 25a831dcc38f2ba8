import { act, cleanup, fireEvent, render, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { sessionAs } from "../testing/admin-test-kit.ts";
import { App } from "./app.tsx";
import { route } from "./router.ts";
import { session } from "./session.ts";

const moderator = sessionAs("moderator");
const review = {
  id: "r1",
  productId: "sock",
  product: { id: "sock", name: null, url: null },
  rating: 4,
  title: "sock review 1",
  body: "What a shopper thought of sock.",
  author: { name: "Shopper 1", email: "shopper1@example.com" },
  verified: false,
  createdAt: "2026-12-06T10:00:00.000Z",
  helpful: { up: 0, down: 0 },
  reply: null,
  media: [],
  status: "pending",
  etag: '"r1-1"',
};

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  session.value = undefined;
});

describe("signing out", () => {
  it("sends a decision still in its grace period first, while the session lets it through", async () => {
    // An hour of grace: only signing out can send it.
    localStorage.setItem("plaudit-admin-grace-ms", "60000");
    const calls: string[] = [];
    let signedIn = true;
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      calls.push(`${method} ${url.split("?")[0]}`);
      if (url === "/v1/admin/session" && method === "GET") return Response.json(moderator);
      if (url === "/v1/admin/session" && method === "DELETE") {
        signedIn = false;
        return new Response(null, { status: 204 });
      }
      if (!signedIn)
        return Response.json({ error: { code: "unauthorized", message: "signed out" } }, { status: 401 });
      if (method === "PATCH") return Response.json({ ...review, status: "published", etag: '"r1-2"' });
      return Response.json({ items: [review], nextCursor: null, total: 1 });
    });
    route.value = { name: "queue", params: new URLSearchParams() };
    const view = render(<App />);
    await view.findByText("sock review 1");
    await act(async () => view.getByRole("button", { name: "Approve" }).click());
    await view.findByRole("button", { name: "Undo" });
    await act(async () => view.getByRole("button", { name: "Sign out" }).click());
    await view.findByRole("button", { name: "Sign in" });
    expect(calls.filter((c) => !c.startsWith("GET"))).toEqual([
      "PATCH /v1/admin/reviews/r1",
      "DELETE /v1/admin/session",
    ]);
  });
});

describe("a role that changes under the app", () => {
  const owner = sessionAs("owner");
  const navLinks = (view: ReturnType<typeof render>) =>
    [...view.container.querySelectorAll("header.top nav a")].map((a) => a.textContent);

  it("follows an owner who gives their own role away: the menu is a moderator's at once", async () => {
    let role = "owner";
    vi.stubGlobal("fetch", async (url: string, init: RequestInit = {}) => {
      const method = init.method ?? "GET";
      if (url === "/v1/admin/session")
        return Response.json(role === "owner" ? owner : { ...moderator, user: { ...owner.user, role } });
      if (url === "/v1/admin/users/u1" && method === "PATCH") {
        role = JSON.parse(String(init.body)).role;
        return Response.json({ id: "u1", email: "owner@demo.example", role, active: true });
      }
      return Response.json({ items: [{ id: "u1", email: "owner@demo.example", role, active: true }] });
    });
    route.value = { name: "users", params: new URLSearchParams() };
    const view = render(<App />);
    const select = await view.findByLabelText("Role of owner@demo.example");
    expect(navLinks(view)).toContain("Users");
    expect(navLinks(view)).toContain("Review requests");
    expect(navLinks(view)).toContain("Loyalty program");
    await act(async () => {
      fireEvent.change(select, { target: { value: "moderator" } });
    });
    await waitFor(() => expect(navLinks(view)).toEqual(["Moderation", "Photos & videos", "Overview"]));
  });

  it("reads the session again when the server refuses a request for the role", async () => {
    let demoted = false;
    vi.stubGlobal("fetch", async (url: string) => {
      if (url === "/v1/admin/session")
        return Response.json(
          demoted
            ? { ...moderator, user: { ...moderator.user, role: "support" }, scopes: ["customers:read"] }
            : moderator,
        );
      demoted = true;
      return Response.json(
        { error: { code: "insufficient_scope", message: "this needs reviews:read" } },
        { status: 403 },
      );
    });
    route.value = { name: "media", params: new URLSearchParams() };
    const view = render(<App />);
    await waitFor(() => expect(navLinks(view)).toEqual(["Customers", "Privacy requests"]));
    await view.findByText("Your role cannot open this page.");
  });
});
