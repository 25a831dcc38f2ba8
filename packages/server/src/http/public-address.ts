import { promises as dns, lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Where the server may send a request a merchant configured (the loyalty code webhook): only to
// the public internet. A URL pointing at 127.0.0.1, the cloud's metadata service (169.254.169.254),
// the private network or a name that resolves there would let anyone with a store's secret key
// make Plaudit's servers knock on doors that are not theirs (SSRF). The check is made on the
// address actually connected to (the DNS answer, through `lookup`), so a name that resolves to a
// private address on the second ask is caught too.

const notPublic = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local, cloud metadata
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
] as const)
  notPublic.addSubnet(network, prefix, "ipv4");
for (const [network, prefix] of [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["ff00::", 8], // multicast
  ["2001:db8::", 32], // documentation
  ["fec0::", 10], // site-local (deprecated, still routed privately)
  ["64:ff9b:1::", 48], // local-use NAT64
] as const)
  notPublic.addSubnet(network, prefix, "ipv6");

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part allowed), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const octets = (dotted[2] as string).split(".").map(Number);
    text = `${dotted[1]}${(((octets[0] as number) << 8) | (octets[1] as number)).toString(16)}:${(((octets[2] as number) << 8) | (octets[3] as number)).toString(16)}`;
  }
  const [head = "", tail, ...more] = text.split("::");
  if (more.length > 0) return undefined;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((g) => Number.parseInt(g, 16)));
  const front = parse(head);
  const back = tail === undefined ? [] : parse(tail);
  const groups =
    tail === undefined ? front : [...front, ...Array(8 - front.length - back.length).fill(0), ...back];
  return groups.length === 8 && groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff)
    ? groups
    : undefined;
}

const ipv4Of = (high: number, low: number) => `${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`;

/** True for an address on the public internet; false for loopback, private, link-local, reserved. */
export function isPublicAddress(address: string): boolean {
  const bare = address.startsWith("[") && address.endsWith("]") ? address.slice(1, -1) : address;
  const family = isIP(bare);
  if (family === 4) return !notPublic.check(bare, "ipv4");
  if (family !== 6) return false;
  const g = ipv6Groups(bare);
  if (!g) return false;
  const [g0, g1, g2, g3, g4, g5, g6, g7] = g as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  // Addresses that carry an IPv4 address are judged by it: IPv4-mapped (::ffff:a.b.c.d),
  // IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d, what DNS64 answers) and 6to4 (2002:ab:cd::).
  const zeros = (...groups: number[]) => groups.every((x) => x === 0);
  if (zeros(g0, g1, g2, g3, g4) && (g5 === 0xffff || g5 === 0)) return isPublicAddress(ipv4Of(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && zeros(g2, g3, g4, g5)) return isPublicAddress(ipv4Of(g6, g7));
  if (g0 === 0x2002) return isPublicAddress(ipv4Of(g1, g2));
  return !notPublic.check(bare, "ipv6");
}

export class NotPublicAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} is not on the public internet (${address}); refusing to connect`);
    this.name = "NotPublicAddressError";
  }
}

/** A DNS lookup for http.request that refuses names resolving to anything but public addresses. */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const refused = addresses.find((a) => !isPublicAddress(a.address));
    if (refused) return callback(new NotPublicAddressError(hostname, refused.address), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
    const first = addresses[0];
    if (!first) return callback(new Error(`${hostname} has no address`), "", 0);
    callback(null, first.address, first.family);
  });
};

/**
 * The URL's host when it is a literal address off the public internet. Such a host is connected to
 * without a DNS lookup, so publicOnlyLookup never sees it: callers check it first.
 */
export function privateLiteralOf(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return isIP(host) !== 0 && !isPublicAddress(host) ? host : undefined;
}

/**
 * The private address a URL's host is or resolves to, if any — asked when a merchant saves the
 * URL, so the mistake is told then (a 422) rather than as failed redemptions later. A name that
 * does not resolve within a second is let through here: it is judged again on every call.
 */
export async function privateAddressOf(url: string): Promise<string | undefined> {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0) return privateLiteralOf(parsed);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const addresses = await Promise.race([
    dns.lookup(host, { all: true }).catch((): LookupAddress[] => []),
    new Promise<LookupAddress[]>((resolve) => {
      timer = setTimeout(() => resolve([]), 1_000);
    }),
  ]);
  clearTimeout(timer);
  return addresses.find((a) => !isPublicAddress(a.address))?.address;
}
