// Review texts for the demo store: what shoppers really write, in several languages and lengths.

export const DEMO_PRODUCTS: { id: string; name: string }[] = [
  { id: "tee-classic", name: "Classic Cotton Tee" },
  { id: "tee-pocket", name: "Pocket Tee" },
  { id: "hoodie-zip", name: "Zip Hoodie" },
  { id: "jeans-slim", name: "Slim Jeans" },
  { id: "sneaker-runner", name: "Runner Sneaker" },
  { id: "cap-canvas", name: "Canvas Cap" },
  { id: "mug-enamel", name: "Enamel Camp Mug" },
  { id: "bottle-steel", name: "Steel Water Bottle" },
  { id: "backpack-day", name: "Day Backpack" },
  { id: "socks-merino", name: "Merino Socks (3 pack)" },
  { id: "scarf-wool", name: "Wool Scarf" },
  { id: "tote-organic", name: "Organic Tote Bag" },
  { id: "candle-cedar", name: "Cedar Candle" },
  { id: "notebook-dot", name: "Dotted Notebook" },
];

export const AUTHORS = [
  "Maya R.",
  "Jonas K.",
  "Priya S.",
  "Tom H.",
  "Aiko T.",
  "Lena M.",
  "Omar F.",
  "Noa L.",
  "Chris P.",
  "Sofia G.",
  "Ben W.",
  "Hannah B.",
  "Yuki N.",
  "Lukas S.",
  "Fatima A.",
  "Daniel C.",
  "Emma J.",
  "Mateo V.",
  "Grace O.",
  "Ravi D.",
  "Claire D.",
  "Sam T.",
  "Ines P.",
  "Kenji M.",
];

/** [title, body] by rating (index 0 = 1 star). */
export const TEXTS_BY_RATING: [string, string][][] = [
  [
    [
      "Fell apart after two washes",
      "The seams split after the second wash on cold. Really disappointed for the price.",
    ],
    ["Wrong size sent", "Ordered a medium, got a small. Returning it was a hassle."],
    ["Not as pictured", "The colour is much duller than in the photos. Would not buy again."],
    ["Leaks", "Leaked in my bag on day one. The lid does not seal properly."],
  ],
  [
    ["Meh", "Fabric is thinner than I expected. It's okay for lounging at home, nothing more."],
    ["Runs small", "Size up at least one. Quality is fine but the fit was wrong for me."],
    ["Took forever to arrive", "Product is okay but shipping took almost three weeks."],
  ],
  [
    ["Decent, not great", "Does the job. The stitching is a little uneven but it's holding up so far."],
    ["Average", "Nothing special, nothing terrible. Fair for the price on sale."],
    ["Okay fit", "Fits okay, the colour faded a bit after a month of washing."],
  ],
  [
    ["Really nice", "Good quality and comfortable. Lost a star because the sleeves are a bit long."],
    ["Solid buy", "Well made and arrived quickly. Would buy again in another colour."],
    ["Happy with it", "Exactly what I needed. Packaging was plastic-free too, which I appreciated."],
    ["Good value", "Holds up well after many washes. Slightly stiff at first but softens."],
  ],
  [
    ["Love it!", "Perfect fit, soft fabric, and it still looks new after months of wear."],
    ["Best purchase this year", "I bought one, then came back for three more. Fantastic quality."],
    ["Exceeded expectations", "Sturdy, well designed and it looks even better in person."],
    ["Great gift", "Bought it for my partner, who now wears it constantly. 10/10."],
    ["Perfect", "Exactly as described. Fast shipping and lovely packaging."],
    ["Wow", "Comfortable all day. The colour is rich and did not fade at all."],
  ],
];

/** Reviews in other languages and scripts (RTL included), with their rating. */
export const INTERNATIONAL: { rating: number; title: string; body: string }[] = [
  {
    rating: 5,
    title: "Super Qualität",
    body: "Sitzt perfekt und der Stoff ist angenehm weich. Nach vielen Wäschen immer noch wie neu. Gerne wieder!",
  },
  {
    rating: 4,
    title: "Gut, aber etwas groß",
    body: "Schönes Material und schnelle Lieferung. Fällt leider eine Nummer größer aus.",
  },
  {
    rating: 2,
    title: "Enttäuschend",
    body: "Die Farbe ist nach zwei Wäschen verblasst. Für den Preis hätte ich mehr erwartet.",
  },
  {
    rating: 5,
    title: "とても良い",
    body: "生地が柔らかくて着心地が最高です。サイズもぴったりでした。また購入したいです。",
  },
  {
    rating: 4,
    title: "満足しています",
    body: "品質は良いですが、配送に少し時間がかかりました。色は写真通りです。",
  },
  {
    rating: 5,
    title: "منتج رائع",
    body: "الجودة ممتازة والمقاس مناسب تماماً. وصل الطلب بسرعة وكان التغليف أنيقاً. أنصح به بشدة.",
  },
  { rating: 3, title: "جيد لكن", body: "المنتج جيد بشكل عام، لكن اللون مختلف قليلاً عن الصورة." },
  {
    rating: 5,
    title: "מעולה",
    body: "איכות מצוינת, נוח מאוד ללבישה יומיומית. המשלוח הגיע מהר. ממליצה בחום!",
  },
  { rating: 4, title: "טוב מאוד", body: "הבד נעים והגזרה מחמיאה. הוריד כוכב כי המידה קצת גדולה." },
];

export const LONG_BODY = [
  "I want to write a proper review because I read a lot of them before buying, and the detailed ones helped me most.",
  "First, the fit: I am usually between a medium and a large, and the medium fits the way I like, close but not tight across the shoulders.",
  "The fabric is noticeably heavier than most basics I own, which makes it hang nicely and not cling.",
  "I have now washed it about fifteen times, always at thirty degrees and hung to dry, and there is no twisting of the side seams, no pilling under the arms and the collar has kept its shape, which is where cheaper ones always fail for me.",
  "The colour has faded very slightly, which I actually like; it looks lived-in rather than washed out.",
  "Delivery took four working days and the parcel was paper only, no plastic bags, which I appreciate.",
  "Customer service answered a question about sizing within a few hours and gave me actual measurements rather than a generic chart.",
  "If I had to name a downside, the neck label is a little scratchy at first, but it softens after a couple of washes, and the price is higher than fast-fashion brands.",
  "In my experience you get what you pay for, and I would rather own five of these than fifteen that fall apart.",
  "I have since bought two more in different colours and would recommend them to anyone who wants a dependable everyday piece.",
].join(" ");

export const MERCHANT_REPLIES = [
  "Thank you so much for the kind words! We're thrilled it's become a favourite.",
  "We're sorry to hear this. Our support team has emailed you to arrange a free replacement.",
  "Thanks for the honest feedback — we've passed the sizing note on to our design team.",
  "Thanks for taking the time to write such a detailed review!",
];
