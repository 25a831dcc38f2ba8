import fc from "fast-check";

/**
 * The seed of every property in the fuzz suites: the same inputs on every run, so a run that
 * passed passes again. FUZZ_SEED picks another (a failure's message names its seed and path).
 */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_206);
fc.configureGlobal({ seed: FUZZ_SEED });

// Generators of the input a hostile or broken client sends: odd Unicode, wrong types, huge and
// deep JSON, broken percent-encoding, bad cursors and tokens.

/** `s` with lone surrogates replaced by U+FFFD (String#toWellFormed, not in our TS lib yet). */
export const wellFormed = (s: string): string =>
  s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");

const nasty = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\uD800", // lone high surrogate
  "\uDFFF", // lone low surrogate
  "a\uD83Db", // broken emoji pair
  "\u202Egnp.exe", // right-to-left override
  "\u2066\u2067\u2068\u2069",
  "\uFEFF",
  "🙂".repeat(300),
  "Z̵̢̧͎̖͇̘͙a̷̛̱͉̜͈̝l̶̨̛̟͇g̶o̷",
  "１２３",
  "٣",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "9007199254740993",
  "__proto__",
  "constructor",
  "toString",
  "null",
  "undefined",
  "true",
  "../../../etc/passwd",
  "' OR 1=1 --",
  '"; DROP TABLE reviews; --',
  "%",
  "%%",
  "%_",
  "\\",
  "<script>alert(1)</script>",
  "x".repeat(70_000),
  "m".repeat(1 << 20), // 1 MB: past every body limit
  "é".repeat(5_000),
];

/** Strings a form never sends: lone surrogates, control characters, RTL overrides, 70 KB. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...nasty) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 400 }).map((n) => "w".repeat(n)) },
);

/** Any JSON value, biased towards the wrong type in the wrong place. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    fc.integer(),
    fc.constantFrom(0, -1, 1, 5, 6, 3.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A valid body with some fields swapped for hostile values, some removed, some added. */
export function mutatedBody(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  const keys = Object.keys(sample);
  return fc
    .record({
      replace: fc.subarray(keys),
      // A route without a sample has no keys to drop.
      drop: fc.subarray(keys, { maxLength: Math.min(1, keys.length) }),
      values: fc.array(hostileValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.dictionary(fc.constantFrom("__proto__", "constructor", "id", "status", "x"), hostileValue, {
        maxKeys: 2,
      }),
    })
    .map(({ replace, drop, values, extra }) => {
      const body: Record<string, unknown> = { ...sample };
      replace.forEach((key, i) => {
        body[key] = values[i];
      });
      for (const key of drop) delete body[key];
      // Assigning would hit Object.prototype's setter; define, as JSON.parse does.
      for (const [key, value] of Object.entries(extra))
        Object.defineProperty(body, key, { value, enumerable: true, configurable: true, writable: true });
      return body;
    });
}

const deep = (n: number, open: string, close: string, inner = "1") =>
  open.repeat(n) + inner + close.repeat(n);

/** Raw bodies no JSON encoder writes. */
export function rawJsonText(sample: Record<string, unknown>): fc.Arbitrary<string> {
  const json = JSON.stringify(sample);
  const firstKey = Object.keys(sample)[0] ?? "a";
  return fc.oneof(
    fc.constantFrom(
      "",
      "{",
      "null",
      "[]",
      "1",
      '"text"',
      "\uFEFF{}",
      "{'single': 'quotes'}",
      '{"a":1,}',
      "NaN",
      deep(5_000, "[", "]"),
      deep(3_000, '{"a":', "}"),
      deep(100, '{"a":', "}"),
      `{"x":"${"y".repeat(70_000)}"}`,
      json.replace(/}$/, ',"body":"\\ud800\\udc00\\ud800","title":"\\u202e\\u0000"}'),
      json.slice(0, Math.max(1, json.length - 3)),
    ),
    // Duplicate keys: the last one wins in JSON.parse; the server must still validate it.
    hostileValue.map((v) => json.replace(/}$/, `,${JSON.stringify(firstKey)}:${JSON.stringify(v)}}`)),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
}

/**
 * Longest encoded URL part sent: Node's HTTP parser answers 431 itself (before any of our code)
 * when the request line and headers pass 16 KB, so longer URLs test Node, not Plaudit.
 */
export const URL_PART_MAX = 1_200;

/** A path segment: usually plausible, often broken. Returned already encoded for the URL. */
export function pathSegment(valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...valid.map(encodeURIComponent)) },
    {
      weight: 2,
      arbitrary: hostileString.map((s) => encodeURIComponent(wellFormed(s)).slice(0, URL_PART_MAX)),
    },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        "%",
        "%E0%A4%A",
        "%C0%AF",
        "%ED%A0%80", // an encoded lone surrogate
        "%FF%FE",
        "%00",
        "%2F..%2F",
        "..",
        "%25",
        "%ZZ",
        "a%20b",
        "%E2%80%AE",
      ),
    },
  );
}

const base64url = (s: string) => Buffer.from(s).toString("base64url");

/** Cursors: random bytes, JSON of the wrong shape, the right shape with hostile values. */
export const hostileCursor: fc.Arbitrary<string> = fc.oneof(
  hostileString,
  fc.constantFrom("", "=", "eyJ9", "!!!!", "a".repeat(5_000)),
  hostileValue.map((v) => base64url(JSON.stringify(v) ?? "")),
  fc
    .tuple(hostileValue, hostileValue, hostileValue)
    .map(([a, b, c]) => base64url(JSON.stringify({ k: a, id: b, v: c, s: a }))),
  fc.tuple(hostileValue, hostileValue).map(([a, b]) => base64url(JSON.stringify([a, b]))),
);

/** Header values (fetch only sends Latin-1): printable junk, long keys, near-valid tokens. */
export function headerValue(valid: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map((v) => `${v.slice(0, -1)}0`) },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map((v) => v.split(".").reverse().join(".")) },
    {
      weight: 2,
      arbitrary: fc.string({
        unit: fc.integer({ min: 0x20, max: 0x7e }).map(String.fromCharCode),
        maxLength: 300,
      }),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "x".repeat(256),
        "a.b.c",
        "..",
        "é",
        "0.0.0",
        "x.99999999999999999999.ff",
      ),
    },
  );
}

export const contentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/json") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      "text/plain",
      "application/x-www-form-urlencoded",
      "multipart/form-data",
      "multipart/form-data; boundary=",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "application/vnd.api+json",
      "APPLICATION/JSON",
      "application/jsonx",
      "image/png",
    ),
  },
);

/** A urlencoded form as a browser would send it, then broken: hostile values, junk, odd encodings. */
export function formBody(
  sample: Record<string, unknown>,
  /** Valid values of some fields (e.g. the order's products), so a form gets past its first checks. */
  valid: Record<string, string[]> = {},
): fc.Arbitrary<string> {
  const keys = [...Object.keys(sample), "x", "__proto__"];
  const plausible = fc.record(
    Object.fromEntries(
      Object.entries(sample).map(([key, value]) => [
        key,
        fc.constantFrom(String(value), ...(valid[key] ?? [])),
      ]),
    ),
  );
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .tuple(plausible, fc.dictionary(fc.constantFrom(...keys), hostileString, { maxKeys: 3 }))
        // (URLSearchParams sends a lone surrogate as U+FFFD; the raw texts below send its bytes.)
        .map(([fields, hostile]) => new URLSearchParams({ ...fields, ...hostile }).toString()),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        "",
        "=",
        "&&&",
        "product",
        "product=%ZZ&body=%",
        "title=%00&body=a%00b&name=%00",
        "body=%ED%A0%80&name=%C0%AF",
        `body=${"b".repeat(70_000)}`,
        "product=tee&product=other&rating=5&rating=x",
      ),
    },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
  );
}

export const formContentType: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 6, arbitrary: fc.constant("application/x-www-form-urlencoded") },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      undefined,
      "application/x-www-form-urlencoded; charset=iso-8859-1",
      "application/json",
      "multipart/form-data; boundary=x",
      "text/plain",
    ),
  },
);
