import { describe, expect, it } from "vitest";
import { DEFAULT_SWITCHES, decodeSingleByte, declareCharset, encodeSingleByte, switchesFor } from "./switches.js";

describe("switchesFor", () => {
  it("lays query parameters over the server-wide switches", () => {
    const base = { ...DEFAULT_SWITCHES, errorStatus: 500 };
    const q = new URLSearchParams("slow=200&etag=0&redirect=/feed/&redirectStatus=308&loop=1&huge=10&gzipBomb=99&charset=cp1252&items=3&retryAfter=5");
    expect(switchesFor(base, q)).toEqual({
      etag: false,
      slowBytesPerSecond: 200,
      redirect: { to: "/feed/", status: 308 },
      redirectLoop: true,
      errorStatus: 500,
      hugeBodyBytes: 10,
      gzipBombBytes: 99,
      charset: "windows-1252",
      feedItems: 3,
      retryAfterSeconds: 5,
    });
    expect(switchesFor(base, new URLSearchParams("status=404")).errorStatus).toBe(404);
    expect(switchesFor(base, new URLSearchParams())).toEqual(base);
  });

  it("ignores values it cannot read", () => {
    const s = switchesFor(DEFAULT_SWITCHES, new URLSearchParams("slow=fast&charset=klingon&items=-2"));
    expect([s.slowBytesPerSecond, s.charset, s.feedItems]).toEqual([null, null, null]);
  });
});

describe("single-byte charsets", () => {
  const sample = "£29m – “digital” plan’s € rollout → done";

  it("windows-1252 puts typographic characters in 0x80–0x9F and references the rest", () => {
    const bytes = encodeSingleByte(sample, "windows-1252");
    expect([...bytes.subarray(0, 1)]).toEqual([0xa3]);
    expect(bytes.includes(0x96)).toBe(true); // en dash
    expect(bytes.toString("latin1")).toContain("&#8594;"); // → has no windows-1252 byte
    expect(decodeSingleByte(bytes, "windows-1252")).toBe(sample.replace("→", "&#8594;"));
  });

  it("iso-8859-1 references everything above 0xFF", () => {
    const bytes = encodeSingleByte(sample, "iso-8859-1");
    expect(bytes.every((b) => b < 0x80 || b >= 0xa0)).toBe(true);
    expect(decodeSingleByte(bytes, "iso-8859-1")).toBe("£29m &#8211; &#8220;digital&#8221; plan&#8217;s &#8364; rollout &#8594; done");
  });

  it("rewrites the document's declared charset", () => {
    expect(declareCharset('<?xml version="1.0" encoding="UTF-8"?><rss/>', "iso-8859-1")).toBe('<?xml version="1.0" encoding="iso-8859-1"?><rss/>');
    expect(declareCharset('<head><meta charset="UTF-8"></head>', "windows-1252")).toBe('<head><meta charset="windows-1252"></head>');
  });
});
