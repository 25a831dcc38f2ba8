import { defineElements } from "@plaudit/embed";
import { type MountLoyaltyOptions, mountLoyalty } from "@plaudit/loyalty";
import { type MountWidgetOptions, mountReviews } from "@plaudit/reviews";
import { StrictMode, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";

const API = import.meta.env.VITE_PLAUDIT_API ?? "http://localhost:8787";
const STORE = import.meta.env.VITE_PLAUDIT_STORE ?? "demo";
const PRODUCTS = [
  { id: "tee-classic", name: "Classic Cotton Tee" },
  { id: "hoodie-zip", name: "Zip Hoodie" },
];

// Two ways in: custom elements (the star badge, as plain JSX), and mount functions called from an
// effect on an element React leaves empty (the reviews list, the loyalty launcher). Each returns
// its unmount, which is exactly what an effect's cleanup wants.
defineElements();

function Reviews({ productId, productName }: { productId: string; productName: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const options: MountWidgetOptions = { store: STORE, apiBase: API, productId, productName };
    return mountReviews(host.current, options);
  }, [productId, productName]);
  return <div ref={host} style={{ minHeight: "640px" }} />;
}

function LoyaltyLauncher({ customerToken }: { customerToken?: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const options: MountLoyaltyOptions = {
      store: STORE,
      apiBase: API,
      ...(customerToken ? { customerToken } : {}),
    };
    return mountLoyalty(host.current, options);
  }, [customerToken]);
  return <div ref={host} />;
}

function App() {
  const [product, setProduct] = useState(PRODUCTS[0]!);
  return (
    <main>
      <h1>{product.name}</h1>
      <plaudit-stars product-id={product.id} store={STORE} api={API} />
      <nav>
        {PRODUCTS.map((p) => (
          <button key={p.id} type="button" onClick={() => setProduct(p)}>
            {p.name}
          </button>
        ))}
      </nav>
      <Reviews productId={product.id} productName={product.name} />
      <LoyaltyLauncher />
    </main>
  );
}

createRoot(document.getElementById("app")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
