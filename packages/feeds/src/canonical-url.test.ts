import { describe, expect, it } from "vitest";
import { RadarError } from "@radar/core";
import { canonicalUrl, isAbsoluteHttpUrl, tryCanonicalUrl } from "./canonical-url.js";

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RadarError);
    expect((err as RadarError).retryable).toBe(false);
    return (err as RadarError).code;
  }
  return undefined;
}

describe("canonicalUrl", () => {
  it("lower-cases scheme and host, drops default ports, keeps other ports", () => {
    expect(canonicalUrl("HTTPS://HTN.co.UK:443/2025/06/23/Some-Slug/")).toBe("https://htn.co.uk/2025/06/23/Some-Slug");
    expect(canonicalUrl("http://Example.com:80/a")).toBe("http://example.com/a");
    expect(canonicalUrl("http://example.com:8080/a")).toBe("http://example.com:8080/a");
  });

  it("drops utm_* and click/mail tracking parameters, keeps and sorts the rest", () => {
    const raw = "https://htn.co.uk/news/?utm_source=feed&utm_Medium=rss&z=2&fbclid=abc&gclid=1&mc_cid=x&mc_eid=y&_hsenc=p&_hsmi=q&ref=twitter&a=1";
    expect(canonicalUrl(raw)).toBe("https://htn.co.uk/news?a=1&z=2");
    expect(canonicalUrl("https://htn.co.uk/?p=123&utm_campaign=x")).toBe("https://htn.co.uk/?p=123");
    expect(canonicalUrl("https://x.org/s?b=2&a=2&a=1")).toBe("https://x.org/s?a=1&a=2&b=2");
  });

  it("drops fragments, credentials and an empty query", () => {
    expect(canonicalUrl("https://user:pw@htn.co.uk/a/#comments")).toBe("https://htn.co.uk/a");
    expect(canonicalUrl("https://htn.co.uk/a?")).toBe("https://htn.co.uk/a");
    expect(canonicalUrl("https://htn.co.uk./a")).toBe("https://htn.co.uk/a");
  });

  it("unifies trailing-slash variants but keeps the root", () => {
    const forms = ["https://htn.co.uk/2025/06/23/slug/", "https://htn.co.uk/2025/06/23/slug", "https://htn.co.uk/2025/06/23/slug//"];
    expect(new Set(forms.map((f) => canonicalUrl(f))).size).toBe(1);
    expect(canonicalUrl("https://htn.co.uk")).toBe("https://htn.co.uk/");
    expect(canonicalUrl("https://htn.co.uk/")).toBe("https://htn.co.uk/");
  });

  it("resolves relative links against a base and trims whitespace", () => {
    expect(canonicalUrl("  /2025/01/02/x/ \n", "https://htn.co.uk/feed/")).toBe("https://htn.co.uk/2025/01/02/x");
    expect(canonicalUrl("../b/", "https://example.com/news/feed/")).toBe("https://example.com/news/b");
    expect(canonicalUrl("//cdn.example.com/p", "https://example.com/")).toBe("https://cdn.example.com/p");
  });

  it("is idempotent", () => {
    const samples = ["https://HTN.co.uk/a/?utm_source=x&b=1#f", "http://e.com:80/", "https://e.com/%7Euser/?q=a+b"];
    for (const s of samples) expect(canonicalUrl(canonicalUrl(s))).toBe(canonicalUrl(s));
  });

  it("throws a permanent bad-url for unusable input", () => {
    expect(codeOf(() => canonicalUrl(""))).toBe("bad-url");
    expect(codeOf(() => canonicalUrl("not a url"))).toBe("bad-url");
    expect(codeOf(() => canonicalUrl("/relative/without/base"))).toBe("bad-url");
    expect(codeOf(() => canonicalUrl("mailto:news@htn.co.uk"))).toBe("bad-url");
    expect(codeOf(() => canonicalUrl("javascript:alert(1)"))).toBe("bad-url");
    expect(codeOf(() => canonicalUrl("ftp://example.com/file"))).toBe("bad-url");
  });

  it("offers non-throwing helpers", () => {
    expect(tryCanonicalUrl("nope")).toBeNull();
    expect(tryCanonicalUrl(undefined)).toBeNull();
    expect(isAbsoluteHttpUrl("https://htn.co.uk/?p=1")).toBe(true);
    expect(isAbsoluteHttpUrl("tag:htn.co.uk,2025:1")).toBe(false);
    expect(isAbsoluteHttpUrl("/a/b")).toBe(false);
  });
});
