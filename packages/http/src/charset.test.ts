import { describe, expect, it } from "vitest";
import { decodeBody, decodeWindows1252, detectCharset, normaliseCharset } from "./charset.js";
import { acceptHeader, isAcceptedContentType, parseContentType, parseRetryAfter } from "./response-headers.js";

const ascii = (s: string) => Buffer.from(s, "latin1");

describe("charset", () => {
  it("decodes windows-1252 punctuation and pound sign the way browsers do", () => {
    const bytes = Buffer.from([0x93, 0x48, 0x69, 0x94, 0x20, 0x92, 0x20, 0xa3, 0x35, 0x80, 0x96]);
    expect(decodeWindows1252(bytes)).toBe("\u201cHi\u201d \u2019 \u00a35\u20ac\u2013");
  });

  it("treats iso-8859-1 and latin1 labels as windows-1252 (WHATWG)", () => {
    expect(normaliseCharset("ISO-8859-1")).toBe("windows-1252");
    expect(normaliseCharset('"latin1"')).toBe("windows-1252");
    expect(normaliseCharset("us-ascii")).toBe("windows-1252");
    expect(normaliseCharset("utf8")).toBe("utf-8");
    expect(normaliseCharset("made-up")).toBeNull();
  });

  it("prefers the Content-Type charset over a meta tag", () => {
    const body = ascii('<meta charset="utf-8"><p>\x93x\x94</p>');
    expect(decodeBody(body, "windows-1252")).toEqual({ text: '<meta charset="utf-8"><p>\u201cx\u201d</p>', charset: "windows-1252" });
  });

  it("reads <meta charset>, <meta http-equiv> and the XML declaration", () => {
    expect(detectCharset(ascii('<html><head><meta charset="ISO-8859-1">'), null)).toEqual({ charset: "windows-1252", source: "meta" });
    expect(
      detectCharset(ascii('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'), null),
    ).toEqual({ charset: "windows-1251", source: "meta" });
    expect(detectCharset(ascii('<?xml version="1.0" encoding="iso-8859-15"?><rss/>'), null)).toEqual({
      charset: "iso-8859-15",
      source: "xml-declaration",
    });
  });

  it("ignores a meta tag inside a comment and unknown labels", () => {
    expect(detectCharset(ascii('<!-- <meta charset="koi8-r"> --><p>x</p>'), null).charset).toBe("utf-8");
    expect(detectCharset(ascii("<p>x</p>"), "bogus-charset").source).toBe("default");
  });

  it("lets a byte-order mark win and strips it", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("£5", "utf16le")]);
    expect(decodeBody(utf16, "iso-8859-1")).toEqual({ text: "£5", charset: "utf-16le" });
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("“NHS”")]);
    expect(decodeBody(utf8, null)).toEqual({ text: "“NHS”", charset: "utf-8" });
  });

  it("defaults to utf-8 and replaces malformed bytes instead of throwing", () => {
    expect(decodeBody(Buffer.from("café"), null)).toEqual({ text: "café", charset: "utf-8" });
    expect(decodeBody(Buffer.from([0x61, 0xff, 0x62]), null).text).toBe("a\ufffdb");
  });
});

describe("response headers", () => {
  it("parses Content-Type", () => {
    expect(parseContentType('Text/HTML; Charset="ISO-8859-1"')).toEqual({ mime: "text/html", charset: "ISO-8859-1" });
    expect(parseContentType("application/rss+xml")).toEqual({ mime: "application/rss+xml", charset: null });
    expect(parseContentType("nonsense")).toBeNull();
  });

  it.each([
    ["application/rss+xml", "feed", false, true],
    ["application/atom+xml", "feed", false, true],
    ["text/xml", "feed", false, true],
    ["application/xml", "feed", false, true],
    ["text/html", "feed", false, false],
    ["text/html", "feed", true, true],
    ["application/json", "feed", true, false],
    ["text/html", "page", false, true],
    ["application/xhtml+xml", "page", false, true],
    ["text/plain", "page", false, true],
    ["application/pdf", "page", false, false],
    ["image/png", "page", false, false],
    ["application/pdf", "any", false, true],
  ] as const)("%s for %s (tolerateHtml=%s) → %s", (mime, accept, tolerate, ok) => {
    expect(isAcceptedContentType(mime, accept, tolerate)).toBe(ok);
  });

  it("sends an Accept header matching the kind", () => {
    expect(acceptHeader("feed")).toContain("application/rss+xml");
    expect(acceptHeader("feed")).not.toContain("text/html");
    expect(acceptHeader("feed", true)).toContain("text/html");
    expect(acceptHeader("page")).toMatch(/^text\/html/);
  });

  it("parses Retry-After as seconds or an HTTP date", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now)).toBe(90_000);
    expect(parseRetryAfter("Wed, 31 Dec 2025 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter("1.5", now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter("99999999", now)).toBe(7 * 24 * 3600 * 1000);
  });
});
