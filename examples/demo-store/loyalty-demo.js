// Demo only. A real store's server writes the signed-in shopper's customer token into the page
// (data-customer-token on the plaudit.js tag or on a widget). This static demo has no accounts, so
// "Sign in" asks the Plaudit server's demo-only route (POST /demo/sign-in, seeded `demo` store,
// `demo-…` customers) for a real signed token and keeps it for this tab. `?customer-token=…` in the
// URL (e.g. from `plaudit-server token --store demo --customer demo-shopper`) works too.
const KEY = "plaudit-demo-customer-token";
const fromUrl = new URLSearchParams(location.search).get("customer-token");
const token = fromUrl || sessionStorage.getItem(KEY);

const script = document.createElement("script");
script.src = "/plaudit.js";
script.async = true;
script.setAttribute("data-store", "demo");
// One attribute for the whole page: every widget (reviews included) acts for this shopper.
if (token) script.setAttribute("data-customer-token", token);
for (const el of document.querySelectorAll("[data-demo-signed-in]")) el.hidden = !token;
for (const el of document.querySelectorAll("[data-demo-guest]")) el.hidden = Boolean(token);
document.body.append(script);

for (const button of document.querySelectorAll("[data-demo-customer]")) {
  button.addEventListener("click", async () => {
    const status = document.querySelector("[data-demo-sign-in-status]");
    status.textContent = "Signing in…";
    try {
      const response = await fetch("/demo/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ customer: button.getAttribute("data-demo-customer") }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      sessionStorage.setItem(KEY, (await response.json()).customerToken);
      location.replace(location.pathname);
    } catch {
      status.textContent = "Could not sign in: is the Plaudit server running with the demo store?";
    }
  });
}
for (const button of document.querySelectorAll("[data-demo-sign-out]")) {
  button.addEventListener("click", () => {
    sessionStorage.removeItem(KEY);
    location.replace(location.pathname);
  });
}
