// Three of the demo shop's products: their ids are those the Plaudit server's demo seed reviews.
export interface Product {
  id: string;
  name: string;
  description: string;
  /** In cents. */
  price: number;
}

export const PRODUCTS: Product[] = [
  {
    id: "tee-classic",
    name: "Classic Cotton Tee",
    description: "Heavyweight organic cotton, cut a little boxy, washed soft before it reaches you.",
    price: 2800,
  },
  {
    id: "hoodie-zip",
    name: "Zip Hoodie",
    description: "Brushed-back fleece, a two-way zip and cuffs that keep their shape.",
    price: 7800,
  },
  {
    id: "mug-enamel",
    name: "Enamel Mug",
    description: "Steel with a glossy enamel coat: camp-proof, dishwasher-proof.",
    price: 1800,
  },
];
