import { defineElements } from "@plaudit/embed";
import { mountReviews } from "@plaudit/reviews";
import { render } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

const API = import.meta.env.VITE_PLAUDIT_API ?? "http://localhost:8787";
const STORE = import.meta.env.VITE_PLAUDIT_STORE ?? "demo";
const PRODUCTS = [
  { id: "tee-classic", name: "Classic Cotton Tee" },
  { id: "hoodie-zip", name: "Zip Hoodie" },
];

// Custom elements for the badges; the reviews list mounted by hand into a ref.
defineElements();

function Reviews({ productId, productName }: { productId: string; productName: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    return mountReviews(host.current, { store: STORE, apiBase: API, productId, productName });
  }, [productId, productName]);
  return <div ref={host} style={{ minHeight: "640px" }} />;
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
    </main>
  );
}

render(<App />, document.getElementById("app")!);
