import sharp from "sharp";

// Real files made in the tests (nothing checked in). No ffmpeg here, so videos are built box by
// box: structurally valid MP4 (ISO-BMFF) and WebM (EBML) with a video track, a duration and
// media data, but no decodable frames. They exercise every check the server makes; a browser
// would load their metadata but show no picture.

/** Photo-like pixels: blurred noise compresses and encodes like a real photo, not like static. */
export function photoPixels(width: number, height: number) {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: "#808080",
      noise: { type: "gaussian", mean: 128, sigma: 40 },
    },
  }).blur(2);
}

/** A photo with GPS position, camera model, XMP author and an ICC profile, shot sideways. */
export async function photoWithPrivateMetadata(width = 1600, height = 1200): Promise<Buffer> {
  const pixels = await photoPixels(width, height).raw().toBuffer({ resolveWithObject: true });
  return (
    sharp(pixels.data, { raw: pixels.info })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: "PlauditCam", Model: "Secret Model" },
        IFD3: {
          GPSLatitudeRef: "N",
          GPSLatitude: "51/1 30/1 0/1",
          GPSLongitudeRef: "W",
          GPSLongitude: "0/1 7/1 0/1",
        },
      })
      .withXmp(
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Secret Person"/></rdf:RDF></x:xmpmeta>',
      )
      .withIccProfile("p3")
      // Taken with the phone turned: stored landscape, to be shown portrait.
      .withMetadata({ orientation: 6 })
      .toBuffer()
  );
}

export function solidPng(width: number, height: number, colour = "#336699"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

export function solidJpeg(width: number, height: number, colour = "#cc8844"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

// ISO-BMFF ----------------------------------------------------------------------------------

function box(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, "latin1");
  return Buffer.concat([header, body]);
}

function u32(...values: number[]): Buffer {
  const b = Buffer.alloc(values.length * 4);
  for (const [i, v] of values.entries()) b.writeUInt32BE(v >>> 0, i * 4);
  return b;
}

const MATRIX = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000);

/** Where a phone shot the video, as the tests' videos say it (ISO 6709). */
export const VIDEO_PLACE = { android: "+51.5074-000.1278/", apple: "+48.8584+002.2945+035.000/" };

/** The user data phones and cameras write: Android's ©xyz, an iPhone's location key, XMP. */
function phoneMetadata() {
  const text = (value: string) => {
    const bytes = Buffer.from(value, "utf8");
    const head = Buffer.alloc(4);
    head.writeUInt16BE(bytes.length, 0);
    head.writeUInt16BE(0x15c7, 2); // language
    return Buffer.concat([head, bytes]);
  };
  const udta = box("udta", box("\u00a9xyz", text(VIDEO_PLACE.android)), box("\u00a9mak", text("PlauditCam")));
  const key = "com.apple.quicktime.location.ISO6709";
  const meta = box(
    "meta",
    box("hdlr", u32(0, 0), Buffer.from("mdta", "latin1"), Buffer.alloc(12), Buffer.from("\0")),
    box("keys", u32(0, 1), box("mdta", Buffer.from(key, "latin1"))),
    box("ilst", box("\u0000\u0000\u0000\u0001", box("data", u32(1, 0), Buffer.from(VIDEO_PLACE.apple)))),
  );
  const xmp = box(
    "uuid",
    Buffer.from("be7acfcb97a942e89c71999491e3afac", "hex"),
    Buffer.from('<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>Secret Person</dc:creator></x:xmpmeta>'),
  );
  return { udta, meta, xmp };
}

/**
 * A structurally valid MP4 (or, with brand "qt  ", QuickTime) with one video track; with
 * `phoneMetadata`, also the location and camera boxes phones write (moov/udta, moov/meta, a
 * track's udta, an XMP uuid box).
 */
export function isoVideo(
  options: {
    width?: number;
    height?: number;
    seconds?: number;
    brand?: string;
    mdatBytes?: number;
    phoneMetadata?: boolean;
  } = {},
): Buffer {
  const { width = 320, height = 240, seconds = 2, brand = "isom", mdatBytes = 64 * 1024 } = options;
  const timescale = 1000;
  const duration = Math.round(seconds * timescale);
  const ftyp = box("ftyp", Buffer.from(brand, "latin1"), u32(512), Buffer.from(`${brand}iso2mp41`, "latin1"));
  const mvhd = box(
    "mvhd",
    u32(0, 0, 0, timescale, duration, 0x10000),
    Buffer.from([0x01, 0x00]),
    Buffer.alloc(10),
    MATRIX,
    Buffer.alloc(24),
    u32(2),
  );
  const tkhd = box(
    "tkhd",
    u32(0x00000003, 0, 0, 1, 0, duration, 0, 0),
    Buffer.alloc(8),
    MATRIX,
    u32(width * 65536, height * 65536),
  );
  const mdhd = box("mdhd", u32(0, 0, 0, timescale, duration), Buffer.from([0x55, 0xc4, 0, 0]));
  const hdlr = box(
    "hdlr",
    u32(0, 0),
    Buffer.from("vide", "latin1"),
    Buffer.alloc(12),
    Buffer.from("VideoHandler\0"),
  );
  const stbl = box(
    "stbl",
    box("stsd", u32(0, 0)),
    box("stts", u32(0, 0)),
    box("stsc", u32(0, 0)),
    box("stsz", u32(0, 0, 0)),
    box("stco", u32(0, 0)),
  );
  const minf = box(
    "minf",
    box("vmhd", u32(1), Buffer.alloc(8)),
    box("dinf", box("dref", u32(0, 1), box("url ", u32(1)))),
    stbl,
  );
  const mdat = box("mdat", Buffer.alloc(mdatBytes, 0x42));
  if (options.phoneMetadata) {
    const { udta, meta, xmp } = phoneMetadata();
    const trak = box("trak", tkhd, box("mdia", mdhd, hdlr, minf), udta);
    return Buffer.concat([ftyp, box("moov", mvhd, trak, udta, meta), xmp, mdat]);
  }
  const moov = box("moov", mvhd, box("trak", tkhd, box("mdia", mdhd, hdlr, minf)));
  return Buffer.concat([ftyp, moov, mdat]);
}

// EBML / WebM ---------------------------------------------------------------------------------

function element(id: number, body: Buffer): Buffer {
  const idBytes = Buffer.from(
    id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, "0"),
    "hex",
  );
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length), 0);
  size[0] = 0x01; // 8-byte size marker (sizes here are far below 2^56)
  return Buffer.concat([idBytes, size, body]);
}

const uint = (value: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value);
  return b;
};

/** A structurally valid WebM: header, segment with info (duration), one video track, a cluster. */
export function webmVideo(options: { width?: number; height?: number; seconds?: number } = {}): Buffer {
  const { width = 320, height = 240, seconds = 3 } = options;
  const header = element(
    0x1a45dfa3,
    Buffer.concat([element(0x4286, uint(1)), element(0x4282, Buffer.from("webm")), element(0x4287, uint(4))]),
  );
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(seconds * 1000);
  const info = element(
    0x1549a966,
    Buffer.concat([element(0x2ad7b1, uint(1_000_000)), element(0x4489, duration)]),
  );
  const video = element(0xe0, Buffer.concat([element(0xb0, uint(width)), element(0xba, uint(height))]));
  const track = element(
    0xae,
    Buffer.concat([
      element(0xd7, uint(1)),
      element(0x83, uint(1)),
      element(0x86, Buffer.from("V_VP8")),
      video,
    ]),
  );
  const tracks = element(0x1654ae6b, track);
  const cluster = element(0x1f43b675, Buffer.concat([element(0xe7, uint(0)), Buffer.alloc(0)]));
  const segment = element(0x18538067, Buffer.concat([info, tracks, cluster]));
  return Buffer.concat([header, segment]);
}
