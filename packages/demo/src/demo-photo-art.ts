// Product-like pictures for the demo store's photo reviews, drawn in code (no files, no network):
// a backdrop of layered gradients with soft shapes, a shadow, and a simple silhouette of the
// product in its own colours. Rendered by sharp's SVG reader into the JPEG a phone would send.
import sharp from "sharp";

export interface DemoPhotoSpec {
  productId: string;
  /** Which take of the product: changes frame, backdrop, scale and angle. */
  take: number;
}

interface Palette {
  main: string;
  accent: string;
}

// Each demo product's colours; unknown products fall back to a neutral one.
const PALETTES: Record<string, Palette> = {
  "tee-classic": { main: "#3f6fb5", accent: "#f2f4f8" },
  "tee-pocket": { main: "#d9734e", accent: "#f6d5c4" },
  "hoodie-zip": { main: "#4b5563", accent: "#e5e7eb" },
  "jeans-slim": { main: "#2e4a7d", accent: "#c9a45c" },
  "sneaker-runner": { main: "#f4f4f0", accent: "#e4572e" },
  "cap-canvas": { main: "#7a8b5a", accent: "#efe6cf" },
  "mug-enamel": { main: "#1f6f78", accent: "#f9f7f1" },
  "bottle-steel": { main: "#9aa5b1", accent: "#2d3748" },
  "backpack-day": { main: "#b5473a", accent: "#3b2f2f" },
  "socks-merino": { main: "#8c6bb1", accent: "#f3e9d2" },
  "scarf-wool": { main: "#c0392b", accent: "#f1c40f" },
  "tote-organic": { main: "#e8dcc2", accent: "#6b4f3a" },
  "candle-cedar": { main: "#f3ead8", accent: "#8a5a3b" },
  "notebook-dot": { main: "#2f3e46", accent: "#e9c46a" },
};

// Backdrops a shopper might shoot on: wall colour over table colour.
const BACKDROPS: [string, string][] = [
  ["#f3efe7", "#d8cbb3"],
  ["#e6eef2", "#b8c7cf"],
  ["#f7e8e1", "#d9b8a8"],
  ["#eceee4", "#c4c9b2"],
  ["#efe9f4", "#cbbfd8"],
];

// Frames phones produce: landscape, portrait and square, each a little different.
const FRAMES: [number, number][] = [
  [1600, 1200],
  [1200, 1600],
  [1400, 1400],
  [1536, 1152],
  [1152, 1536],
];

function shade(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = (n >> shift) & 255;
    const out = amount >= 0 ? c + (255 - c) * amount : c * (1 + amount);
    return Math.round(Math.min(255, Math.max(0, out)))
      .toString(16)
      .padStart(2, "0");
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** The product's silhouette around (0, 0) in a ~100-unit box; `url(#body)` is its shaded colour. */
function silhouette(productId: string, p: Palette): string {
  const body = 'fill="url(#body)"';
  const accent = `fill="${p.accent}"`;
  const darkColour = shade(p.main, -0.35);
  const dark = `fill="${darkColour}"`;
  const tee =
    "M-18,-40 L-40,-30 L-50,-8 L-36,-2 L-30,-14 L-30,42 L30,42 L30,-14 L36,-2 L50,-8 L40,-30 L18,-40 Q0,-28 -18,-40 Z";
  switch (productId) {
    case "tee-classic":
      return `<path d="${tee}" ${body}/><path d="M-18,-40 Q0,-28 18,-40" stroke="${p.accent}" stroke-width="3" fill="none"/>`;
    case "tee-pocket":
      return `<path d="${tee}" ${body}/><rect x="10" y="-12" width="13" height="14" rx="2" ${dark}/>`;
    case "hoodie-zip":
      return `<path d="M-20,-40 L-42,-30 L-52,30 L-40,32 L-31,-8 L-31,44 L31,44 L31,-8 L40,32 L52,30 L42,-30 L20,-40 Q0,-58 -20,-40 Z" ${body}/><line x1="0" y1="-36" x2="0" y2="44" stroke="${p.accent}" stroke-width="2"/><path d="M-20,-40 Q0,-20 20,-40" stroke="${darkColour}" stroke-width="4" fill="none"/>`;
    case "jeans-slim":
      return `<path d="M-26,-44 L26,-44 L30,46 L8,46 L2,-14 L-2,-14 L-8,46 L-30,46 Z" ${body}/><rect x="-26" y="-44" width="52" height="7" ${dark}/><circle cx="0" cy="-40" r="2" ${accent}/>`;
    case "sneaker-runner":
      return `<path d="M-48,10 Q-48,-8 -30,-10 L-8,-22 Q6,-28 14,-16 L34,-4 Q50,2 50,14 L50,18 L-48,18 Z" ${body}/><rect x="-50" y="16" width="102" height="9" rx="4" ${accent}/><path d="M-20,-6 L10,-14 M-14,0 L16,-8" stroke="${p.accent}" stroke-width="3"/>`;
    case "cap-canvas":
      return `<path d="M-36,8 Q-36,-34 0,-34 Q36,-34 36,8 Z" ${body}/><path d="M12,6 Q44,4 58,16 Q36,20 10,14 Z" ${dark}/><circle cx="0" cy="-34" r="3" ${accent}/>`;
    case "mug-enamel":
      return `<circle cx="34" cy="0" r="14" fill="none" stroke="${p.main}" stroke-width="7"/><rect x="-30" y="-32" width="60" height="66" rx="6" ${body}/><ellipse cx="0" cy="-32" rx="30" ry="6" ${accent}/><ellipse cx="0" cy="-32" rx="30" ry="6" fill="none" stroke="${shade(p.main, -0.3)}" stroke-width="2"/>`;
    case "bottle-steel":
      return `<rect x="-16" y="-30" width="32" height="76" rx="12" ${body}/><rect x="-10" y="-44" width="20" height="16" rx="4" ${accent}/><rect x="-16" y="0" width="32" height="10" fill="${p.accent}" opacity="0.25"/>`;
    case "backpack-day":
      return `<rect x="-32" y="-40" width="64" height="84" rx="18" ${body}/><rect x="-22" y="6" width="44" height="28" rx="8" ${dark}/><path d="M-12,-40 Q0,-54 12,-40" stroke="${p.accent}" stroke-width="4" fill="none"/><line x1="-18" y1="12" x2="18" y2="12" stroke="${p.accent}" stroke-width="2"/>`;
    case "socks-merino":
      return [-26, 0, 26]
        .map(
          (x, i) =>
            `<path transform="translate(${x} ${i * 3 - 3})" d="M-9,-36 L9,-36 L9,16 Q9,30 -4,30 L-22,30 Q-26,20 -16,18 L-9,16 Z" fill="${i === 1 ? p.accent : "url(#body)"}"/><rect transform="translate(${x} ${i * 3 - 3})" x="-9" y="-36" width="18" height="8" ${i === 1 ? `fill="${p.main}"` : accent}/>`,
        )
        .join("");
    case "scarf-wool":
      return `<rect x="-58" y="-14" width="116" height="28" rx="3" ${body}/>${[-40, -20, 0, 20, 40].map((x) => `<rect x="${x - 3}" y="-14" width="6" height="28" ${accent}/>`).join("")}${[-14, -10, -6, -2, 2, 6, 10].map((y) => `<line x1="-58" y1="${y}" x2="-66" y2="${y}" stroke="${p.main}" stroke-width="2"/><line x1="58" y1="${y}" x2="66" y2="${y}" stroke="${p.main}" stroke-width="2"/>`).join("")}`;
    case "tote-organic":
      return `<path d="M-16,-20 Q-16,-52 0,-52 Q16,-52 16,-20" stroke="${p.accent}" stroke-width="5" fill="none"/><path d="M-34,-20 L34,-20 L38,44 L-38,44 Z" ${body}/><circle cx="0" cy="12" r="10" fill="none" stroke="${p.accent}" stroke-width="3"/>`;
    case "candle-cedar":
      return `<rect x="-26" y="-22" width="52" height="58" rx="6" fill="${p.accent}" opacity="0.55"/><rect x="-22" y="-10" width="44" height="44" rx="4" ${body}/><line x1="0" y1="-10" x2="0" y2="-18" stroke="#333" stroke-width="2"/><path d="M0,-34 Q7,-24 0,-18 Q-7,-24 0,-34 Z" fill="#f6a623"/><rect x="-22" y="6" width="44" height="12" fill="${p.accent}"/>`;
    case "notebook-dot":
      return `<rect x="-32" y="-44" width="64" height="88" rx="4" ${body}/><rect x="18" y="-44" width="5" height="88" ${accent}/>${[-30, -15, 0, 15, 30].map((y) => [-20, -8, 4].map((x) => `<circle cx="${x}" cy="${y}" r="1.2" fill="${p.accent}" opacity="0.6"/>`).join("")).join("")}`;
    default:
      return `<rect x="-36" y="-36" width="72" height="72" rx="10" ${body}/>`;
  }
}

/** The SVG of one take, and its frame size. */
export function demoPhotoSvg(spec: DemoPhotoSpec): { svg: string; width: number; height: number } {
  const palette = PALETTES[spec.productId] ?? { main: "#6b7280", accent: "#f3f4f6" };
  const seed = [...spec.productId].reduce((n, ch) => (n * 31 + ch.charCodeAt(0)) >>> 0, 7) + spec.take * 7;
  const [width, height] = FRAMES[seed % FRAMES.length] as [number, number];
  const [wall, table] = BACKDROPS[(seed >>> 3) % BACKDROPS.length] as [string, string];
  const short = Math.min(width, height);
  // Take 0 shows the whole product; later takes come closer and tilt it, as shoppers do.
  const scale = (short / 100) * (spec.take % 3 === 0 ? 0.62 : spec.take % 3 === 1 ? 0.82 : 0.7);
  const angle = ((seed % 17) - 8) * (spec.take === 0 ? 0.4 : 1);
  const cx = width / 2 + ((seed % 11) - 5) * (width / 100);
  const cy = height * 0.56;
  const horizon = Math.round(height * (0.58 + ((seed >>> 2) % 5) * 0.03));
  const blobs = [0, 1, 2]
    .map((i) => {
      const r = short * (0.18 + ((seed >>> i) % 4) * 0.05);
      const x = (((seed >>> (i + 1)) % 9) / 8) * width;
      const y = (((seed >>> (i + 3)) % 5) / 10) * height;
      return `<circle cx="${x.toFixed(0)}" cy="${y.toFixed(0)}" r="${r.toFixed(0)}" fill="${i === 1 ? palette.accent : shade(wall, -0.12)}" opacity="0.35"/>`;
    })
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">
<defs>
<linearGradient id="wall" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(wall, 0.35)}"/><stop offset="1" stop-color="${wall}"/></linearGradient>
<linearGradient id="table" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${table}"/><stop offset="1" stop-color="${shade(table, -0.25)}"/></linearGradient>
<radialGradient id="light" cx="0.3" cy="0.2" r="0.8"><stop offset="0" stop-color="#ffffff" stop-opacity="0.55"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>
<radialGradient id="shadow"><stop offset="0" stop-color="#000000" stop-opacity="0.35"/><stop offset="1" stop-color="#000000" stop-opacity="0"/></radialGradient>
<linearGradient id="body" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${shade(palette.main, 0.25)}"/><stop offset="0.6" stop-color="${palette.main}"/><stop offset="1" stop-color="${shade(palette.main, -0.3)}"/></linearGradient>
</defs>
<rect width="${width}" height="${height}" fill="url(#wall)"/>
${blobs}
<rect y="${horizon}" width="${width}" height="${height - horizon}" fill="url(#table)"/>
<ellipse cx="${cx.toFixed(0)}" cy="${(cy + scale * 46).toFixed(0)}" rx="${(scale * 62).toFixed(0)}" ry="${(scale * 12).toFixed(0)}" fill="url(#shadow)"/>
<g transform="translate(${cx.toFixed(1)} ${cy.toFixed(1)}) rotate(${angle.toFixed(1)}) scale(${scale.toFixed(3)})">${silhouette(spec.productId, palette)}</g>
<rect width="${width}" height="${height}" fill="url(#light)"/>
</svg>`;
  return { svg, width, height };
}

/** The take as the JPEG a phone would upload. */
export async function renderDemoPhoto(spec: DemoPhotoSpec): Promise<Buffer> {
  const { svg } = demoPhotoSvg(spec);
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}
