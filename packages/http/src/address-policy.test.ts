import { describe, expect, it } from "vitest";
import { classifyAddress, isIpLiteral, isLocalHostName, parseIPv4, parseIPv6 } from "./address-policy.js";

// [address, why it must be refused] — each row is one way into the machine's own network.
const REFUSED: Array<[string, RegExp]> = [
  ["127.0.0.1", /loopback/],
  ["127.255.255.254", /loopback/],
  ["10.0.0.1", /private/],
  ["10.255.255.255", /private/],
  ["172.16.0.1", /private/],
  ["172.31.255.255", /private/],
  ["192.168.1.1", /private/],
  ["169.254.0.1", /link-local/],
  ["169.254.169.254", /metadata/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.255", /carrier-grade NAT/],
  ["100.100.100.200", /carrier-grade NAT/], // Alibaba metadata
  ["0.0.0.0", /unspecified/],
  ["0.1.2.3", /unspecified/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["255.255.255.255", /broadcast/],
  ["240.0.0.1", /reserved/],
  ["192.0.0.170", /reserved/],
  ["192.0.2.10", /documentation/],
  ["198.51.100.7", /documentation/],
  ["203.0.113.9", /documentation/],
  ["198.18.0.1", /benchmarking/],
  ["::", /unspecified/],
  ["::1", /loopback/],
  ["0:0:0:0:0:0:0:1", /loopback/],
  ["[::1]", /loopback/],
  ["fd00:ec2::254", /metadata/],
  ["fc00::1", /unique-local/],
  ["fdff:ffff::1", /unique-local/],
  ["fe80::1", /link-local/],
  ["fe80::1%eth0", /link-local/],
  ["febf::1", /link-local/],
  ["fec0::1", /site-local/],
  ["ff02::1", /multicast/],
  ["::ffff:127.0.0.1", /IPv4-mapped form of a loopback/],
  ["::ffff:7f00:1", /IPv4-mapped form of a loopback/],
  ["::ffff:169.254.169.254", /IPv4-mapped form of the cloud metadata/],
  ["::ffff:10.1.2.3", /IPv4-mapped form of a private/],
  ["0:0:0:0:0:ffff:c0a8:101", /IPv4-mapped form of a private/],
  ["::ffff:0:127.0.0.1", /IPv4-translated form of a loopback/],
  ["64:ff9b::127.0.0.1", /NAT64 form of a loopback/],
  ["64:ff9b::a9fe:a9fe", /NAT64 form of the cloud metadata/],
  ["64:ff9b:1::1", /local-use NAT64/],
  ["2002:7f00:1::1", /6to4 form of a loopback/],
  ["2002:c0a8:101::", /6to4 form of a private/],
  ["::127.0.0.1", /IPv4-compatible/],
  ["100::1", /discard-only/],
  ["2001::1", /reserved IETF/], // Teredo
  ["2001:db8::1", /documentation/],
  ["3fff::1", /documentation/],
  ["4000::1", /non-global/],
  ["::2", /IPv4-compatible/],
];

const ALLOWED = [
  "8.8.8.8",
  "1.1.1.1",
  "151.101.1.69",
  "172.15.255.255", // just below 172.16/12
  "172.32.0.0", // just above
  "100.63.255.255", // just below CGNAT
  "100.128.0.0", // just above
  "169.253.255.255",
  "192.167.255.255",
  "223.255.255.255",
  "2606:4700:4700::1111",
  "2a00:1450:4009:81f::200e",
  "::ffff:8.8.8.8",
  "64:ff9b::808:808",
  "2002:808:808::1",
];

// Not dotted-quad / valid IPv6: refused rather than guessed (getaddrinfo might read them as octal).
const NOT_IPS = ["0177.0.0.1", "0x7f.0.0.1", "2130706433", "127.1", "256.1.1.1", "1.2.3", "example.com", "", "::1::", "12345::", "1:2:3:4:5:6:7:8:9"];

describe("classifyAddress", () => {
  it.each(REFUSED)("refuses %s", (ip, reason) => {
    const v = classifyAddress(ip);
    expect(v.allowed).toBe(false);
    expect(v.reason).toMatch(reason);
  });

  it.each(ALLOWED)("allows public %s", (ip) => {
    expect(classifyAddress(ip)).toEqual({ allowed: true });
  });

  it.each(NOT_IPS)("refuses non-canonical or invalid %j", (text) => {
    expect(classifyAddress(text)).toEqual({ allowed: false, reason: "not a valid IP address" });
  });
});

describe("parsers", () => {
  it("parses IPv4 to a 32-bit number", () => {
    expect(parseIPv4("1.2.3.4")).toBe(0x01020304);
    expect(parseIPv4("255.255.255.255")).toBe(0xffffffff);
    expect(parseIPv4("01.2.3.4")).toBeNull();
  });

  it("parses IPv6 with compression and embedded IPv4", () => {
    expect(parseIPv6("::1")).toBe(1n);
    expect(parseIPv6("1::")).toBe(1n << 112n);
    expect(parseIPv6("::ffff:1.2.3.4")).toBe((0xffffn << 32n) | 0x01020304n);
    expect(parseIPv6("1:2:3:4:5:6:7:8")).toBe(0x00010002000300040005000600070008n);
    expect(parseIPv6("1:2:3:4:5:6:7::")).toBe(0x00010002000300040005000600070000n);
    expect(parseIPv6("1:2:3:4:5:6:7:8::")).toBeNull();
    expect(parseIPv6("1.2.3.4")).toBeNull();
  });

  it("recognises IP literals and local names", () => {
    expect(isIpLiteral("[::1]")).toBe(true);
    expect(isIpLiteral("10.0.0.1")).toBe(true);
    expect(isIpLiteral("htn.co.uk")).toBe(false);
    expect(isLocalHostName("LOCALHOST.")).toBe(true);
    expect(isLocalHostName("api.localhost")).toBe(true);
    expect(isLocalHostName("metadata.google.internal")).toBe(true);
    expect(isLocalHostName("localhost.example.com")).toBe(false);
  });
});
