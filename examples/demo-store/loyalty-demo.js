// Demo only. A real store's server writes the signed-in shopper's customer token into the page
// (data-customer-token on the plaudit.js tag or on a widget). This static demo has no server of its
// own, so it takes the token from the URL — `loyalty.html?customer-token=…` — made with
// `plaudit-server token --store demo --customer demo-shopper` or, in the browser tests, signCustomerToken().
const token = new URLSearchParams(location.search).get("customer-token");
const script = document.createElement("script");
script.src = "/plaudit.js";
script.async = true;
script.setAttribute("data-store", "demo");
if (token) script.setAttribute("data-customer-token", token);
// The reviews widget reads the token from its own element (it marks verified buyers and earns points).
if (token)
  for (const el of document.querySelectorAll('[data-plaudit="reviews"]'))
    el.setAttribute("data-customer-token", token);
for (const link of document.querySelectorAll("[data-demo-signed-in]")) link.hidden = !token;
for (const link of document.querySelectorAll("[data-demo-guest]")) link.hidden = Boolean(token);
document.body.append(script);
