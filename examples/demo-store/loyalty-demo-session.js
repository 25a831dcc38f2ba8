// Demo only, loaded in <head> without defer: decides "signed in or guest" before the first paint,
// so hiding the sign-in box (loyalty-demo.css) never moves the page once it shows.
const demoToken =
  new URLSearchParams(location.search).get("customer-token") ||
  sessionStorage.getItem("plaudit-demo-customer-token");
document.documentElement.setAttribute("data-demo-session", demoToken ? "signed-in" : "guest");
