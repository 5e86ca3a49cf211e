/**
 * Pure classification of IP addresses: may radar open a connection to it?
 *
 * Only globally routable unicast addresses are allowed. Everything that reaches the machine's own
 * network (loopback, private, link-local, CGNAT, cloud metadata, unique-local, ...) or has no
 * business being a web server (multicast, broadcast, documentation, reserved) is refused.
 * IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) are judged by the embedded
 * address, so ::ffff:127.0.0.1 is as forbidden as 127.0.0.1.
 *
 * Deliberately strict parsing: only canonical dotted-quad IPv4 (no octal/hex/short forms — the
 * WHATWG URL parser has already normalised those in URLs, and anything else is refused here
 * rather than guessed at).
 */

export interface AddressVerdict {
  allowed: boolean;
  reason?: string;
}

const IPV4_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Canonical dotted-quad only: each part 0-255, no leading zeros (they hint at octal tricks). */
export function parseIPv4(text: string): number | null {
  const m = IPV4_RE.exec(text);
  if (!m) return null;
  let value = 0;
  for (const part of m.slice(1)) {
    if (part.length > 1 && part.startsWith("0")) return null;
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

/** Parses an IPv6 address (zone id and brackets tolerated) into a 128-bit bigint. */
export function parseIPv6(text: string): bigint | null {
  let s = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return null;
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const head = parseGroups(halves[0] ?? "", halves.length === 1);
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? "", true) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array<number>(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
}

/** Groups of one side of "::"; the last group may be an embedded dotted-quad (two groups). */
function parseGroups(side: string, mayEndWithIPv4: boolean): number[] | null {
  if (side === "") return [];
  const parts = side.split(":");
  const groups: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    if (i === parts.length - 1 && mayEndWithIPv4 && part.includes(".")) {
      const v4 = parseIPv4(part);
      if (v4 === null) return null;
      groups.push(Math.floor(v4 / 65536), v4 % 65536);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return null;
    }
  }
  return groups;
}

type Rule = { prefix: bigint; bits: number; reason: string; width: number };

function v4Rule(cidr: string, reason: string): Rule {
  const [addr, bits] = cidr.split("/");
  return { prefix: BigInt(parseIPv4(addr ?? "") ?? 0), bits: Number(bits), reason, width: 32 };
}

function v6Rule(cidr: string, reason: string): Rule {
  const [addr, bits] = cidr.split("/");
  return { prefix: parseIPv6(addr ?? "") ?? 0n, bits: Number(bits), reason, width: 128 };
}

function matches(rule: Rule, value: bigint): boolean {
  const shift = BigInt(rule.width - rule.bits);
  return value >> shift === rule.prefix >> shift;
}

// Order matters: the most specific entry (metadata, broadcast) comes before its enclosing range.
const V4_RULES: Rule[] = [
  v4Rule("0.0.0.0/8", "an unspecified ('this network') address"),
  v4Rule("10.0.0.0/8", "a private address"),
  v4Rule("100.64.0.0/10", "a carrier-grade NAT address"),
  v4Rule("127.0.0.0/8", "a loopback address"),
  v4Rule("169.254.169.254/32", "the cloud metadata address"),
  v4Rule("169.254.0.0/16", "a link-local address"),
  v4Rule("172.16.0.0/12", "a private address"),
  v4Rule("192.0.0.0/24", "a reserved IETF protocol address"),
  v4Rule("192.0.2.0/24", "a documentation address"),
  v4Rule("192.88.99.0/24", "a reserved 6to4 relay address"),
  v4Rule("192.168.0.0/16", "a private address"),
  v4Rule("198.18.0.0/15", "a benchmarking address"),
  v4Rule("198.51.100.0/24", "a documentation address"),
  v4Rule("203.0.113.0/24", "a documentation address"),
  v4Rule("224.0.0.0/4", "a multicast address"),
  v4Rule("255.255.255.255/32", "the broadcast address"),
  v4Rule("240.0.0.0/4", "a reserved address"),
];

const V6_RULES: Rule[] = [
  v6Rule("::/128", "the unspecified address"),
  v6Rule("::1/128", "the loopback address"),
  v6Rule("::/96", "a deprecated IPv4-compatible address"),
  v6Rule("64:ff9b:1::/48", "a local-use NAT64 address"),
  v6Rule("100::/64", "a discard-only address"),
  v6Rule("2001::/23", "a reserved IETF protocol address (Teredo, ORCHID, ...)"),
  v6Rule("2001:db8::/32", "a documentation address"),
  v6Rule("3fff::/20", "a documentation address"),
  v6Rule("fd00:ec2::254/128", "the cloud metadata address"),
  v6Rule("fc00::/7", "a unique-local address"),
  v6Rule("fe80::/10", "a link-local address"),
  v6Rule("fec0::/10", "a deprecated site-local address"),
  v6Rule("ff00::/8", "a multicast address"),
];

// IPv6 ranges whose low 32 bits (or, for 6to4, bits 16-47) carry an IPv4 address.
const EMBEDDED_V4: { rule: Rule; shift: bigint; label: string }[] = [
  { rule: v6Rule("::ffff:0:0/96", ""), shift: 0n, label: "IPv4-mapped" },
  { rule: v6Rule("::ffff:0:0:0/96", ""), shift: 0n, label: "IPv4-translated" },
  { rule: v6Rule("64:ff9b::/96", ""), shift: 0n, label: "NAT64" },
  { rule: v6Rule("2002::/16", ""), shift: 80n, label: "6to4" },
];

const GLOBAL_UNICAST_V6 = v6Rule("2000::/3", "");

function classifyV4(value: number): AddressVerdict {
  const v = BigInt(value);
  const hit = V4_RULES.find((r) => matches(r, v));
  return hit ? { allowed: false, reason: hit.reason } : { allowed: true };
}

function classifyV6(value: bigint): AddressVerdict {
  for (const { rule, shift, label } of EMBEDDED_V4) {
    if (!matches(rule, value)) continue;
    const inner = classifyV4(Number((value >> shift) & 0xffffffffn));
    return inner.allowed ? inner : { allowed: false, reason: `the ${label} form of ${inner.reason}` };
  }
  const hit = V6_RULES.find((r) => matches(r, value));
  if (hit) return { allowed: false, reason: hit.reason };
  if (!matches(GLOBAL_UNICAST_V6, value)) return { allowed: false, reason: "a reserved (non-global) IPv6 address" };
  return { allowed: true };
}

/** May radar connect to this IP address? Anything that is not a parseable IP is refused. */
export function classifyAddress(ip: string): AddressVerdict {
  const v4 = parseIPv4(ip);
  if (v4 !== null) return classifyV4(v4);
  const v6 = parseIPv6(ip);
  if (v6 !== null) return classifyV6(v6);
  return { allowed: false, reason: "not a valid IP address" };
}

/** True when the URL hostname is an IP literal (IPv4 dotted quad or bracketed/bare IPv6). */
export function isIpLiteral(hostname: string): boolean {
  return parseIPv4(hostname) !== null || parseIPv6(hostname) !== null;
}

/** Host names that always mean "this machine", refused before any DNS lookup. */
export function isLocalHostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, "");
  return h === "localhost" || h.endsWith(".localhost") || h === "metadata.google.internal";
}
