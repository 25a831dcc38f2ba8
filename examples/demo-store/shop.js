// The shop's own script: the cart counter. It must keep working whatever Plaudit does (api-down.html).
(() => {
  let count = 0;
  document.addEventListener("submit", (event) => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-add-to-cart")) return;
    event.preventDefault();
    count += Number(new FormData(form).get("quantity") || 1);
    for (const badge of document.querySelectorAll("[data-cart-count]")) badge.textContent = String(count);
  });
})();
