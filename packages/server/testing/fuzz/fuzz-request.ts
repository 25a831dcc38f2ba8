import fc from "fast-check";
import { SESSION_COOKIE } from "../../src/admin-users/sessions.ts";
import {
  contentType,
  formBody,
  formContentType,
  headerValue,
  hostileCursor,
  hostileString,
  mutatedBody,
  pathSegment,
  rawJsonText,
  URL_PART_MAX,
  wellFormed,
} from "./hostile-input.ts";
import { type FuzzRoute, pathParameterNames } from "./openapi-routes.ts";

/** Values that reach past the first checks: a real store, review, customer token, secret. */
export interface FuzzWorld {
  pathValues: Record<string, string[]>;
  queryValues: Record<string, string[]>;
  bearer: string;
  customerTokens: string[];
  /** A valid body per "METHOD /template", mutated by the fuzzer. */
  samples: Record<string, Record<string, unknown>>;
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

const encoded = (s: string) => encodeURIComponent(wellFormed(s)).slice(0, URL_PART_MAX);

function queryValue(name: string, schema: Record<string, unknown>, world: FuzzWorld): fc.Arbitrary<string> {
  const valid = [...((schema.enum as string[] | undefined) ?? []), ...(world.queryValues[name] ?? [])];
  const options: fc.Arbitrary<string>[] = [hostileString.map(encoded)];
  if (valid.length > 0) options.push(fc.constantFrom(...valid.map((v) => encodeURIComponent(v))));
  if (name === "cursor") options.push(hostileCursor.map(encoded));
  options.push(
    fc.constantFrom("%", "%E0%A4%A", "%ED%A0%80", "1,2,%FF", "-1", "0", "99999999999999999999", "1.5"),
  );
  return fc.oneof(...options);
}

export function fuzzRequest(route: FuzzRoute, world: FuzzWorld): fc.Arbitrary<FuzzRequest> {
  const names = pathParameterNames(route.template);
  const query = route.parameters.filter((p) => p.in === "query");
  const sample = world.samples[`${route.method} ${route.template}`] ?? {};

  const path = fc
    .tuple(...names.map((name) => pathSegment(world.pathValues[name] ?? ["x"])))
    .map((segments) => {
      let i = 0;
      return route.template.replace(/\{\w+\}/g, () => segments[i++]!);
    });
  const search = fc
    .tuple(
      ...query.map((p) => fc.option(queryValue(p.name, p.schema, world), { nil: undefined, freq: 3 })),
      // Repeated and unknown parameters.
      fc.option(
        fc.constantFrom("limit=1&limit=abc", "sort=newest&sort=x", "unknown=1", "&&=&", "a[]=1&a[b]=2"),
        {
          nil: undefined,
          freq: 4,
        },
      ),
    )
    .map((values) => {
      const parts = query.flatMap((p, i) => (values[i] === undefined ? [] : [`${p.name}=${values[i]}`]));
      const extra = values[query.length];
      if (extra) parts.push(extra);
      return parts.length ? `?${parts.join("&")}` : "";
    });
  const headers = fc
    .record(
      {
        authorization: fc.oneof(
          { weight: route.admin ? 6 : 1, arbitrary: fc.constant(`Bearer ${world.bearer}`) },
          {
            weight: 1,
            arbitrary: headerValue(["Bearer x", "Basic YTpi", `Bearer ${world.bearer} `, "Bearer"]),
          },
        ),
        "x-plaudit-customer": headerValue(world.customerTokens),
        "idempotency-key": fc.oneof(fc.uuid(), headerValue(["k-1", "k-1"])),
        origin: fc.constantFrom("https://shop.example", "https://evil.example", "null"),
        // The admin app's session cookie and CSRF header, conditional requests, a proxy's headers.
        cookie: headerValue([
          `${SESSION_COOKIE}=x`,
          `${SESSION_COOKIE}=`,
          `a=b; ${SESSION_COOKIE}=%ZZ`,
          `${SESSION_COOKIE}=a.b; ${SESSION_COOKIE}=c`,
          "=;;=",
        ]),
        "x-csrf-token": headerValue(["x"]),
        "if-none-match": headerValue(['"abc"', "*", 'W/"x", "y"']),
        "if-match": headerValue(['"abc"', "*", 'W/"x"']),
        "x-request-id": headerValue(["req-1"]),
        "x-forwarded-for": headerValue(["1.2.3.4", "1.2.3.4, ::1", "unknown"]),
        "accept-encoding": fc.constantFrom("gzip", "br, gzip;q=0", "identity;q=0", "*"),
      },
      { requiredKeys: [] },
    )
    .map((h) => h as Record<string, string>);

  if (route.method === "GET" || !route.bodyType) {
    return fc
      .tuple(path, search, headers)
      .map(([p, s, h]) => ({ method: route.method, path: p + s, headers: h }));
  }

  const body: fc.Arbitrary<{ body: string | Uint8Array<ArrayBuffer>; type: string | undefined }> =
    route.bodyType === "form"
      ? fc.record({ body: formBody(sample, world.queryValues), type: formContentType })
      : route.bodyType === "json"
        ? fc.record({
            body: fc.oneof(
              { weight: 3, arbitrary: mutatedBody(sample).map((b) => JSON.stringify(b)) },
              { weight: 2, arbitrary: rawJsonText(sample) },
            ),
            type: contentType,
          })
        : fc.record({
            body: fc.oneof(
              fc.uint8Array({ maxLength: 2_000 }).map((bytes) => new Uint8Array(bytes)),
              fc.constantFrom(
                '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nnot a jpeg\r\n--x--\r\n',
                '--x\r\nContent-Disposition: form-data; name="poster"\r\n\r\n\r\n--x--\r\n',
                "--x\r\n\r\n--x--",
                "--x--",
                "{}",
              ),
            ),
            type: fc.constantFrom(
              "multipart/form-data; boundary=x",
              "multipart/form-data",
              "application/json",
              undefined,
            ),
          });
  return fc.tuple(path, search, headers, body).map(([p, s, h, b]) => ({
    method: route.method,
    path: p + s,
    headers: b.type ? { ...h, "content-type": b.type } : h,
    body: b.body,
  }));
}
