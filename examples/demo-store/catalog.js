// The demo shop's products: the ids are those the server's seed gives reviews to
// (packages/demo/src/seed-texts.ts). Used by build-pages.mjs and by the app view (spa.js).
export const PRODUCTS = [
  {
    id: "tee-classic",
    name: "Classic Cotton Tee",
    price: 2800,
    tone: 1,
    description: "Heavyweight organic cotton, cut a little boxy, washed soft before it reaches you.",
  },
  {
    id: "tee-pocket",
    name: "Pocket Tee",
    price: 3200,
    tone: 2,
    description: "Our classic tee with a chest pocket that holds a phone without sagging.",
  },
  {
    id: "hoodie-zip",
    name: "Zip Hoodie",
    price: 7800,
    tone: 3,
    description: "Brushed-back fleece, a two-way zip and cuffs that keep their shape.",
  },
  {
    id: "jeans-slim",
    name: "Slim Jeans",
    price: 9800,
    tone: 4,
    description: "Japanese selvedge denim, slim through the leg, with a little stretch.",
  },
  {
    id: "sneaker-runner",
    name: "Runner Sneaker",
    price: 12000,
    tone: 1,
    description: "A light everyday runner with a recycled knit upper and a cushioned sole.",
  },
  {
    id: "cap-canvas",
    name: "Canvas Cap",
    price: 2600,
    tone: 2,
    description: "Waxed cotton canvas with a brass buckle strap. Shower-proof.",
  },
  {
    id: "mug-enamel",
    name: "Enamel Camp Mug",
    price: 1800,
    tone: 3,
    description: "Steel with a glossy enamel coat: takes a campfire, survives the dishwasher.",
  },
  {
    id: "bottle-steel",
    name: "Steel Water Bottle",
    price: 3400,
    tone: 4,
    description: "Double-walled, keeps drinks cold for a day and hot for twelve hours.",
  },
  {
    id: "backpack-day",
    name: "Day Backpack",
    price: 11000,
    tone: 1,
    description: "Twenty litres, a padded laptop sleeve and a water-resistant base.",
  },
  {
    id: "socks-merino",
    name: "Merino Socks (3 pack)",
    price: 2400,
    tone: 2,
    description: "Fine merino that stays warm when wet and does not itch.",
  },
  {
    id: "scarf-wool",
    name: "Wool Scarf",
    price: 5600,
    tone: 3,
    description: "Lambswool woven in Scotland, soft from the first wear.",
  },
  {
    id: "tote-organic",
    name: "Organic Tote Bag",
    price: 1900,
    tone: 4,
    description: "Sturdy organic cotton with long handles and an inside pocket.",
  },
  {
    id: "candle-cedar",
    name: "Cedar Candle",
    price: 3000,
    tone: 1,
    description: "Soy wax with cedar and vetiver, about fifty hours of burn.",
  },
  {
    id: "notebook-dot",
    name: "Dotted Notebook",
    price: 1600,
    tone: 2,
    description: "A5, lay-flat binding, 160 pages of fountain-pen-friendly paper.",
  },
];

/**
 * The bestseller's page in other languages: the widgets follow the page's `lang` (German words and
 * dates; Hebrew right to left), as on a shop that serves one page per language.
 */
export const TRANSLATED_PAGES = [
  {
    lang: "de",
    dir: "ltr",
    productId: "tee-classic",
    name: "Klassisches Baumwoll-T-Shirt",
    description:
      "Schwere Bio-Baumwolle, etwas kastig geschnitten und weich gewaschen, bevor es bei Ihnen ankommt.",
    words: {
      home: "Startseite",
      shopAll: "Alle Produkte",
      bestseller: "Bestseller",
      appView: "App-Ansicht",
      mainNav: "Hauptmenü",
      cart: "Warenkorb",
      photos: "Produktfotos",
      quantity: "Menge",
      addToCart: "In den Warenkorb",
      perks: ["Kostenloser Versand ab 60 $", "30 Tage Rückgaberecht", "Gemacht, um zu halten"],
      reviews: "Kundenbewertungen",
      footer: "Fern &amp; Field ist ein Demo-Shop für Plaudit. Nichts hier ist zu kaufen.",
    },
  },
  {
    lang: "he",
    dir: "rtl",
    productId: "tee-classic",
    name: "חולצת כותנה קלאסית",
    description: "כותנה אורגנית עבה, בגזרה מעט רחבה, מכובסת לרכות לפני שהיא מגיעה אליך.",
    words: {
      home: "דף הבית",
      shopAll: "כל המוצרים",
      bestseller: "רב מכר",
      appView: "תצוגת אפליקציה",
      mainNav: "ראשי",
      cart: "עגלה",
      photos: "תמונות המוצר",
      quantity: "כמות",
      addToCart: "הוספה לעגלה",
      perks: ["משלוח חינם בקנייה מעל $60", "החזרה תוך 30 יום", "עשוי להחזיק מעמד"],
      reviews: "ביקורות לקוחות",
      footer: "Fern &amp; Field היא חנות הדגמה של Plaudit. שום דבר כאן אינו למכירה.",
    },
  },
];
