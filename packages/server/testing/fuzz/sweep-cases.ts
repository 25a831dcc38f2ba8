import { gzipSync } from "node:zlib";
import { LIMITS } from "@plaudit/contract";
import { apiDocument } from "../api-document.ts";
import type { SweepWorld } from "./fuzz-world.ts";
import { type FuzzRoute, pathParameterNames } from "./openapi-routes.ts";

// The sweep's table: for one route of the OpenAPI document, every kind of hostile input once —
// broken and wrong-typed JSON, bodies past the limits, NUL and lone surrogates, wrong content
// types, hostile path segments and query strings, odd numbers in each field. Which field or
// parameter a kind lands on is the seeded PRNG's pick, so a run replays exactly.

export interface SweepCase {
  /** What was sent, as a failure names it. */
  name: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Sent with Transfer-Encoding: chunked instead of a Content-Length. */
  chunked?: boolean;
  /** The answer API.md names for this input, when it is unambiguous (status and error codes). */
  expect?: { status: number; codes: string[] };
}

type Json = Record<string, unknown>;
type Random = () => number;

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** A leaf of a sample body: its path of keys and indexes, and its value. */
interface Leaf {
  path: (string | number)[];
  value: unknown;
}

function leaves(value: unknown, path: (string | number)[] = []): Leaf[] {
  if (Array.isArray(value))
    return value.length ? [{ path, value }, ...leaves(value[0], [...path, 0])] : [{ path, value }];
  if (value && typeof value === "object") {
    const inner = Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
    return path.length ? [{ path, value }, ...inner] : inner;
  }
  return [{ path, value }];
}

/** A marker no sample holds: replaced by raw JSON text, so values JSON.stringify cannot write fit. */
const HOLE = "\u0001hole\u0001";

/** The sample as JSON text with the leaf at `path` replaced by `raw` (undefined: the key removed). */
function withRaw(sample: unknown, path: (string | number)[], raw: string | undefined): string {
  const copy = structuredClone(sample) as Json;
  let parent: Json = copy;
  for (const key of path.slice(0, -1)) parent = parent[key as string] as Json;
  const last = path.at(-1)!;
  if (raw === undefined) {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last as string];
    return JSON.stringify(copy);
  }
  parent[last as string] = HOLE;
  return JSON.stringify(copy).replace(JSON.stringify(HOLE), raw);
}

const NUL = { status: 422, codes: ["validation_failed"] };
const MALFORMED = { status: 400, codes: ["malformed_json"] };
const TOO_LARGE = { status: 413, codes: ["payload_too_large"] };
const NOT_JSON = { status: 400, codes: ["bad_request"] };
const URL_NUL = { status: 400, codes: ["bad_request"] };

/** Raw JSON values for one field: wrong types, numbers JSON.stringify never writes, odd strings. */
const FIELD_VALUES: { name: string; raw: string | undefined; expect?: SweepCase["expect"] }[] = [
  { name: "null", raw: "null" },
  { name: "an array", raw: "[]" },
  { name: "an object", raw: '{"a":1}' },
  { name: "a number as a string", raw: '"5"' },
  { name: "a number", raw: "5" },
  { name: "-1", raw: "-1" },
  { name: "-0", raw: "-0" },
  { name: "1.5", raw: "1.5" },
  { name: "1e309 (Infinity)", raw: "1e309" },
  { name: "-1e309 (-Infinity)", raw: "-1e309" },
  { name: "1e-400", raw: "1e-400" },
  { name: "a 25-digit integer", raw: "1234567890123456789012345" },
  { name: '"NaN"', raw: '"NaN"' },
  { name: "an empty string", raw: '""' },
  { name: "6000 characters", raw: JSON.stringify("ü".repeat(6_000)) },
  { name: "2000 nested arrays", raw: `${"[".repeat(2_000)}${"]".repeat(2_000)}` },
  {
    name: "an object of 3000 keys",
    raw: JSON.stringify(Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`k${i}`, i]))),
  },
  { name: "a NUL", raw: '"a\\u0000b"', expect: NUL },
  { name: "a lone high surrogate", raw: '"a\\ud800b"' },
  { name: "RTL override and zero-width", raw: '"\\u202e\\u200b\\ufeff"' },
  { name: "__proto__", raw: '"__proto__"' },
  { name: "removed", raw: undefined },
];

/** Query values: wrong types, odd numbers, broken percent-encoding, NUL, too long. */
const QUERY_VALUES: { name: string; text: (valid: string) => string; expect?: SweepCase["expect"] }[] = [
  { name: "repeated", text: (v) => `${v}&{p}=x` },
  { name: "empty", text: () => "" },
  { name: "a word", text: () => "abc" },
  { name: "-1", text: () => "-1" },
  { name: "NaN", text: () => "NaN" },
  { name: "1e309", text: () => "1e309" },
  { name: "1.5", text: () => "1.5" },
  { name: "20 digits", text: () => "99999999999999999999" },
  { name: "%00", text: (v) => `${v}%00`, expect: URL_NUL },
  { name: "an encoded lone surrogate", text: () => "%ED%A0%80" },
  { name: "broken escapes", text: () => "%ZZ%" },
  { name: "as an array", text: (v) => `${v}&{p}[]=1` },
  { name: "5000 characters", text: () => "q".repeat(5_000) },
];

/** Path segments: too long, NUL, dot segments, broken and odd encodings. */
const SEGMENTS: { name: string; text: string; expect?: SweepCase["expect"] }[] = [
  { name: "%00", text: "a%00b", expect: URL_NUL },
  { name: "..", text: ".." },
  { name: "an encoded slash", text: "%2F..%2Fetc" },
  { name: "1000 characters", text: "x".repeat(1_000) },
  { name: "unicode", text: encodeURIComponent("ü🙂ك") },
  { name: "a broken escape", text: "%ZZ" },
  { name: "an encoded lone surrogate", text: "%ED%A0%80" },
  { name: "__proto__", text: "__proto__" },
];

type Operation = {
  parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
  requestBody?: {
    content?: Record<string, { examples?: Record<string, { summary: string; value: unknown }> }>;
  };
};

/** The body a route's first successful documented example sends, `{{name}}` filled in. */
function exampleBody(route: FuzzRoute, world: SweepWorld): Json | undefined {
  const paths = apiDocument().paths as Record<string, Record<string, Operation>>;
  const content = paths[route.template]?.[route.method.toLowerCase()]?.requestBody?.content ?? {};
  for (const media of Object.values(content)) {
    for (const example of Object.values(media.examples ?? {})) {
      if (!/→ 2\d\d$/.test(example.summary)) continue;
      const text = JSON.stringify(example.value).replace(/\{\{(\w+)\}\}/g, (m, name: string) =>
        world.example[name] ? world.example[name]() : m,
      );
      return JSON.parse(text) as Json;
    }
  }
  return undefined;
}

/** A valid body for the route: the world's sample, else its documented example, else `{}`. */
export const sampleBody = (route: FuzzRoute, world: SweepWorld): Json =>
  world.samples[`${route.method} ${route.template}`] ?? exampleBody(route, world) ?? {};

/** The route's path with real values: the collection's own id for `{id}`. */
export function validPath(route: FuzzRoute, world: SweepWorld, replace: Record<string, string> = {}): string {
  const parts = route.template.split("/");
  return parts
    .map((part, i) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part;
      if (replace[name] !== undefined) return replace[name];
      const value =
        (name === "id" ? world.ids[parts[i - 1]!] : undefined) ?? world.pathValues[name]?.[0] ?? "x";
      return encodeURIComponent(value);
    })
    .join("/");
}

function queryOf(route: FuzzRoute, world: SweepWorld): { name: string; valid: string; required: boolean }[] {
  // The hosted page's routes take a product of the order its link is for.
  const hosted = route.template.startsWith("/r/");
  return route.parameters
    .filter((p) => p.in === "query")
    .map((p) => ({
      name: p.name,
      // (The page's forms without a product answer 404 before reading their body.)
      required: p.required || (hosted && p.name === "product"),
      valid: encodeURIComponent(
        (hosted && p.name === "product" ? world.pageProducts[1] : undefined) ??
          world.queryValues[p.name]?.[0] ??
          (p.schema.enum as string[] | undefined)?.[0] ??
          "1",
      ),
    }));
}

const urlencoded = (body: Json) =>
  new URLSearchParams(
    Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]),
  ).toString();

function multipartOf(fields: Record<string, string>, boundary = "sweep"): string {
  const parts = Object.entries(fields).map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return `${parts.join("")}--${boundary}--\r\n`;
}

/**
 * Every hostile case for one route. `auth` gives the headers that get a request through the
 * route's door (a key, a session, a customer token), so the input reaches validation.
 */
export function sweepCases(
  route: FuzzRoute,
  world: SweepWorld,
  random: Random,
  auth: () => Record<string, string>,
): SweepCase[] {
  const cases: SweepCase[] = [];
  const api = route.template.startsWith("/v1/");
  const add = (
    name: string,
    c: Omit<SweepCase, "name" | "method" | "headers"> & { headers?: Record<string, string> },
  ) => cases.push({ name, method: route.method, ...c, headers: { ...auth(), ...c.headers } });
  // With the query parameters the route requires, so a body case is judged on its body.
  const required = queryOf(route, world).filter((q) => q.required);
  const bare = validPath(route, world);
  const base = bare + (required.length ? `?${required.map((q) => `${q.name}=${q.valid}`).join("&")}` : "");
  const sample = sampleBody(route, world);
  const json = (text: string, type = "application/json") => ({
    headers: { "content-type": type },
    body: text,
  });
  const sampleText = JSON.stringify(sample);
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  /** The sample with raw `"key":value` members put first. */
  const prepend = (members: string) =>
    sampleText === "{}" ? `{${members}}` : sampleText.replace(/^\{/, `{${members},`);

  // Path parameters: each hostile segment once, in a parameter the PRNG picks.
  const names = pathParameterNames(route.template);
  if (names.length) {
    for (const segment of SEGMENTS) {
      const name = pick(random, names);
      add(`{${name}} = ${segment.name}`, {
        path: validPath(route, world, { [name]: segment.text }),
        ...(hasBody && route.bodyType === "json" ? json(sampleText) : {}),
        ...(segment.expect && api ? { expect: segment.expect } : {}),
      });
    }
  }

  // Query parameters: each hostile value once, in a parameter the PRNG picks; every parameter at
  // least once; then unknown, prototype and empty parameters.
  const query = queryOf(route, world);
  const withQuery = (text: string, path = base) => `${path}${path.includes("?") ? "&" : "?"}${text}`;
  if (query.length) {
    const valid = query.map((q) => `${q.name}=${q.valid}`).join("&");
    const hostile = [...QUERY_VALUES];
    for (const [i, value] of hostile.entries()) {
      const q = i < query.length ? query[i]! : pick(random, query);
      const others = query.filter((o) => o !== q).map((o) => `${o.name}=${o.valid}`);
      const text = `${q.name}=${value.text(q.valid).replaceAll("{p}", q.name)}`;
      add(`?${q.name} ${value.name}`, {
        path: withQuery([...others, text].join("&"), bare),
        ...(value.expect && api ? { expect: value.expect } : {}),
      });
    }
    for (const q of query.slice(hostile.length)) {
      const value = pick(random, hostile);
      add(`?${q.name} ${value.name}`, {
        path: withQuery(
          [
            ...query.filter((o) => o !== q).map((o) => `${o.name}=${o.valid}`),
            `${q.name}=${value.text(q.valid).replaceAll("{p}", q.name)}`,
          ].join("&"),
          bare,
        ),
        ...(value.expect && api ? { expect: value.expect } : {}),
      });
    }
    add("all query parameters valid, plus unknown ones", {
      path: withQuery(`${valid}&zzz=1&__proto__=x&constructor=y&&=&`, bare),
    });
  }
  add("unknown and prototype query parameters", { path: withQuery("__proto__[x]=1&constructor=1&a=%FF") });
  add("1000 query parameters", {
    path: withQuery(Array.from({ length: 1_000 }, (_, i) => `p${i % 7}=${i}`).join("&")),
  });
  add("a trailing slash", { path: `${base}/` });
  add("a doubled slash", { path: base.replace(/\/([^/?]*)(\?|$)/, "//$1$2") });
  // A preflight to the public API from an origin the store does not allow, asking for odd headers.
  if (route.door === "none")
    cases.push({
      name: "OPTIONS preflight, odd origin and headers",
      method: "OPTIONS",
      path: base,
      headers: {
        origin: "https://evil.example",
        "access-control-request-method": route.method,
        "access-control-request-headers": "x-plaudit-customer, idempotency-key, \u00ff, ,,",
      },
    });
  if (route.method === "GET") cases.push({ name: "HEAD", method: "HEAD", path: base, headers: auth() });

  if (!hasBody) return cases;

  if (route.bodyType === "json") {
    const raw: { name: string; text: string; expect?: SweepCase["expect"] }[] = [
      // (An empty body is no body where the body is optional.)
      { name: "an empty body", text: "", ...(route.bodyOptional ? {} : { expect: MALFORMED }) },
      { name: "{", text: "{", expect: MALFORMED },
      { name: "a trailing comma", text: sampleText.replace(/}$/, ",}"), expect: MALFORMED },
      { name: "cut short", text: sampleText.slice(0, -2), expect: MALFORMED },
      { name: "a byte-order mark", text: `\uFEFF${sampleText}` },
      { name: "an array", text: "[]" },
      { name: "the sample in an array", text: `[${sampleText}]` },
      { name: "a string", text: '"text"' },
      { name: "null", text: "null" },
      { name: "a number", text: "1" },
      { name: "20 000 nested arrays", text: `${"[".repeat(20_000)}${"]".repeat(20_000)}` },
      { name: "8 000 nested objects", text: `${'{"a":'.repeat(8_000)}1${"}".repeat(8_000)}` },
      {
        name: `${LIMITS.jsonBodyBytes + 1} bytes`,
        text: prepend(`"pad":"${"p".repeat(LIMITS.jsonBodyBytes)}"`),
        expect: TOO_LARGE,
      },
      { name: "1 MB", text: JSON.stringify({ ...sample, x: "m".repeat(1 << 20) }), expect: TOO_LARGE },
      {
        name: "__proto__ and constructor keys",
        text: prepend('"__proto__":{"admin":true,"status":"published"},"constructor":{"prototype":{"x":1}}'),
      },
      {
        name: "unknown fields",
        text: JSON.stringify({ ...sample, zzz: 1, id: "x", storeId: "other", store: "x" }),
      },
      { name: "a NUL in a key", text: prepend('"a\\u0000":1'), expect: NUL },
    ];
    add("body: invalid UTF-8", {
      path: base,
      headers: { "content-type": "application/json" },
      body: new Uint8Array([
        ...Buffer.from(sampleText.replace(/}$/, ',"x":"')),
        0xff,
        0xfe,
        0xc0,
        0x22,
        0x7d,
      ]),
    });
    for (const r of raw)
      add(`body: ${r.name}`, { path: base, ...json(r.text), ...(r.expect ? { expect: r.expect } : {}) });

    // Duplicate keys: the valid value first then a wrong one, and the other way round.
    const keys = Object.keys(sample);
    if (keys.length) {
      const key = pick(random, keys);
      const dup = JSON.stringify(key);
      add(`body: duplicate "${key}", wrong last`, {
        path: base,
        ...json(sampleText.replace(/}$/, `,${dup}:[[]]}`)),
      });
      add(`body: duplicate "${key}", valid last`, {
        path: base,
        ...json(prepend(`${dup}:{"$gt":""}`)),
      });
    }

    // Each field value kind once, in a field the PRNG picks; every field at least once.
    const fields = leaves(sample);
    if (fields.length) {
      for (const [i, value] of FIELD_VALUES.entries()) {
        const leaf = i < fields.length ? fields[i]! : pick(random, fields);
        add(`${leaf.path.join(".")} = ${value.name}`, {
          path: base,
          ...json(withRaw(sample, leaf.path, value.raw)),
          ...(value.expect ? { expect: value.expect } : {}),
        });
      }
      for (const leaf of fields.slice(FIELD_VALUES.length)) {
        const value = pick(random, FIELD_VALUES);
        add(`${leaf.path.join(".")} = ${value.name}`, {
          path: base,
          ...json(withRaw(sample, leaf.path, value.raw)),
          ...(value.expect ? { expect: value.expect } : {}),
        });
      }
    }

    // The right body under the wrong content type.
    for (const [name, type, body] of [
      ["text/plain", "text/plain", sampleText],
      ["a form", "application/x-www-form-urlencoded", urlencoded(sample)],
      ["multipart", "multipart/form-data; boundary=sweep", multipartOf({ json: sampleText })],
    ] as const) {
      add(`the sample as ${name}`, { path: base, ...json(body, type), expect: NOT_JSON });
    }
    add("the sample with no content type", { path: base, body: sampleText, expect: NOT_JSON });
    add("the sample gzipped (Content-Encoding: gzip)", {
      path: base,
      headers: { "content-type": "application/json", "content-encoding": "gzip" },
      body: new Uint8Array(gzipSync(sampleText)),
    });
    add("1 MB sent chunked (no Content-Length)", {
      path: base,
      ...json(JSON.stringify({ ...sample, x: "c".repeat(1 << 20) })),
      chunked: true,
      expect: TOO_LARGE,
    });
    add("the sample as UTF-16", {
      path: base,
      headers: { "content-type": "application/json; charset=utf-16" },
      body: new Uint8Array(Buffer.from(sampleText, "utf16le")),
    });
  } else if (route.bodyType === "form") {
    // Each case reviews a product of its own: a reviewed one answers 409 before its fields are read.
    let next = 2;
    const fresh = () => {
      const form = Object.fromEntries(Object.entries(sample).map(([k, v]) => [k, String(v)]));
      if ("product" in form) form.product = world.pageProducts[next++ % world.pageProducts.length]!;
      return form;
    };
    const form = fresh();
    const formText = new URLSearchParams(form).toString();
    const as = (body: string, type = "application/x-www-form-urlencoded") => ({
      headers: { "content-type": type },
      body,
    });
    const fieldNames = Object.keys(form);
    for (const [i, [name, value]] of [
      ["%00", "a%00b"],
      ["an encoded lone surrogate", "%ED%A0%80"],
      ["an overlong slash", "%C0%AF"],
      ["a broken escape", "%ZZ%"],
      ["1e309", "1e309"],
      ["NaN", "NaN"],
      ["-1", "-1"],
      ["empty", ""],
      ["6000 characters", "w".repeat(6_000)],
      ["emoji", encodeURIComponent("🙂‍🙃")],
    ].entries()) {
      const field = i < fieldNames.length ? fieldNames[i]! : pick(random, fieldNames);
      const own = fresh();
      const params = fieldNames.map((k) => `${k}=${k === field ? value : encodeURIComponent(own[k]!)}`);
      add(`form ${field} = ${name}`, { path: base, ...as(params.join("&")) });
    }
    const field = pick(random, fieldNames);
    add(`form ${field} repeated`, { path: base, ...as(`${formText}&${field}=x`) });
    add("form with __proto__ and constructor", {
      path: base,
      ...as(`__proto__=x&constructor=y&${formText}`),
    });
    add("form of 200 KB", { path: base, ...as(`${formText}&x=${"x".repeat(200_000)}`) });
    add("form as JSON", { path: base, ...as(JSON.stringify(form), "application/json") });
    add("form as multipart", { path: base, ...as(multipartOf(form), "multipart/form-data; boundary=sweep") });
    add("form as text/plain", { path: base, ...as(formText, "text/plain") });
    add("form with no content type", { path: base, body: formText });
    add("form of binary junk", { path: base, ...as("\u0000\uffff\ud800&&==&") });
  } else if (route.bodyType === "multipart") {
    const m = (body: string, type = "multipart/form-data; boundary=sweep") => ({
      headers: { "content-type": type },
      body,
    });
    const file = (name: string, filename: string, bytes: string) =>
      `--sweep\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/jpeg\r\n\r\n${bytes}\r\n--sweep--\r\n`;
    add("multipart: JSON instead", { path: base, ...m(JSON.stringify({ file: "x" }), "application/json") });
    add("multipart: a form instead", { path: base, ...m("file=x", "application/x-www-form-urlencoded") });
    add("multipart: text/plain", { path: base, ...m("file", "text/plain") });
    add("multipart: no boundary", { path: base, ...m(file("file", "a.jpg", "x"), "multipart/form-data") });
    add("multipart: another boundary", {
      path: base,
      ...m(file("file", "a.jpg", "x"), "multipart/form-data; boundary=other"),
    });
    add("multipart: empty", { path: base, ...m("") });
    add("multipart: only the closing line", { path: base, ...m("--sweep--\r\n") });
    add("multipart: not an image", { path: base, ...m(file("file", "a.jpg", "not a jpeg at all")) });
    add("multipart: NUL and .. in the file name", {
      path: base,
      ...m(file("file", "..%00/../a\u0000.jpg", "x")),
    });
    add("multipart: a part named __proto__", { path: base, ...m(file("__proto__", "a.jpg", "x")) });
    add("multipart: 500 fields", {
      path: base,
      ...m(multipartOf(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, "v"])))),
    });
    add("multipart: two files", {
      path: base,
      ...m(file("file", "a.jpg", "x").replace("--sweep--\r\n", "") + file("file", "b.jpg", "y")),
    });
    add("multipart: headers never ended", {
      path: base,
      ...m('--sweep\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"'),
    });
  } else {
    // A route that takes no body, sent one anyway.
    add("an unasked-for body: invalid JSON", { path: base, ...json("{") });
    add("an unasked-for body: 1 MB", { path: base, ...json(JSON.stringify({ x: "m".repeat(1 << 20) })) });
    add("an unasked-for body: text/plain", { path: base, ...json("hello", "text/plain") });
  }

  // Headers the route documents, broken.
  for (const header of route.parameters.filter((p) => p.in === "header")) {
    const name = header.name.toLowerCase();
    const bad =
      name === "idempotency-key"
        ? ["k".repeat(LIMITS.idempotencyKeyMax + 1), "é\u00ff"]
        : name === "if-match"
          ? ['"0"', 'W/"x", "y"']
          : [`${"a".repeat(600)}.1.ff`, "alice.99999999999999999999.00"];
    for (const value of bad) {
      add(`${header.name}: ${value.slice(0, 20)}`, {
        path: base,
        headers: { [name]: value },
        ...(route.bodyType === "json"
          ? { body: sampleText, headers: { [name]: value, "content-type": "application/json" } }
          : {}),
      });
    }
  }
  return cases;
}
