import { RadarError } from "@radar/core";
import { describe, expect, it } from "vitest";
import { isAllowedHost, isAllowedHostPort, parseAllowHosts } from "./allow-hosts.js";
import { HttpErrorCode } from "./errors.js";
import { checkUrl, nextRedirect } from "./url-policy.js";

function errorOf(fn: () => unknown): RadarError {
  try {
    fn();
  } catch (err) {
    if (err instanceof RadarError) return err;
    throw err;
  }
  throw new Error("expected a RadarError");
}

describe("checkUrl", () => {
  it.each([
    ["file:///etc/passwd", "file"],
    ["gopher://example.com:70/1", "gopher"],
    ["ftp://ftp.example.com/feed.xml", "ftp"],
    ["data:text/html,<h1>hi</h1>", "data"],
    ["javascript:alert(1)", "javascript"],
    ["ws://example.com/", "ws"],
  ])("refuses %s as a permanent bad scheme", (url, scheme) => {
    const err = errorOf(() => checkUrl(url, []));
    expect(err.code).toBe(HttpErrorCode.badScheme);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`Refused to fetch a ${scheme}: URL; only http and https are allowed.`);
  });

  it.each(["http://user:pass@example.com/", "https://user@example.com/", "http://:secret@example.com/"])(
    "refuses credentials in %s without echoing them",
    (url) => {
      const err = errorOf(() => checkUrl(url, []));
      expect(err.code).toBe(HttpErrorCode.credentials);
      expect(err.retryable).toBe(false);
      expect(err.message).toContain("example.com");
      expect(err.message).not.toMatch(/:pass|secret|user@/);
    },
  );

  // WHATWG URL normalises decimal, hex, octal and short IPv4 forms, so they are caught as literals.
  it.each([
    "http://2130706433/",
    "http://0x7f.1/",
    "http://0177.0.0.1/",
    "http://127.1/",
    "http://0x7f000001/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://[0:0:0:0:0:ffff:7f00:1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[fd00:ec2::254]/",
    "http://0/",
    "http://localhost:8080/",
    "http://foo.localhost/",
    "http://LOCALHOST./",
  ])("refuses %s as a blocked address before any connection", (url) => {
    const err = errorOf(() => checkUrl(url, []));
    expect(err.code).toBe(HttpErrorCode.blockedAddress);
    expect(err.retryable).toBe(false);
  });

  it("refuses garbage as a bad URL", () => {
    expect(errorOf(() => checkUrl("not a url", [])).code).toBe(HttpErrorCode.badUrl);
  });

  it("accepts public http(s) URLs and allow-listed internal hosts", () => {
    expect(checkUrl("https://www.htn.co.uk/feed/", []).href).toBe("https://www.htn.co.uk/feed/");
    expect(checkUrl("http://127.0.0.1:8080/x", ["127.0.0.1:8080"]).host).toBe("127.0.0.1:8080");
    expect(checkUrl("http://localhost/x", ["localhost"]).hostname).toBe("localhost");
    // The allow-list entry names a port; another port on the same host is still refused.
    expect(errorOf(() => checkUrl("http://127.0.0.1:9090/", ["127.0.0.1:8080"])).code).toBe(HttpErrorCode.blockedAddress);
  });
});

describe("nextRedirect", () => {
  const start = new URL("https://news.example.org/a/b");

  it("resolves a relative Location against the current URL", () => {
    expect(nextRedirect(start, "../c?x=1", [start], 5, []).href).toBe("https://news.example.org/c?x=1");
    expect(nextRedirect(start, "//cdn.example.net/z", [start], 5, []).href).toBe("https://cdn.example.net/z");
  });

  it("refuses an https to http downgrade", () => {
    const err = errorOf(() => nextRedirect(start, "http://news.example.org/a/b", [start], 5, []));
    expect(err.code).toBe(HttpErrorCode.redirectDowngrade);
    expect(err.retryable).toBe(false);
    expect(err.message).toContain("news.example.org");
  });

  it("allows http to https upgrades", () => {
    const http = new URL("http://news.example.org/");
    expect(nextRedirect(http, "https://news.example.org/", [http], 5, []).protocol).toBe("https:");
  });

  it("detects a loop, ignoring fragments", () => {
    const b = new URL("https://news.example.org/b");
    const err = errorOf(() => nextRedirect(b, "/a/b#top", [start, b], 5, []));
    expect(err.code).toBe(HttpErrorCode.redirectLoop);
  });

  it("stops after maxRedirects", () => {
    const visited = Array.from({ length: 6 }, (_, i) => new URL(`https://news.example.org/${i}`));
    const err = errorOf(() => nextRedirect(visited[5] as URL, "/next", visited, 5, []));
    expect(err.code).toBe(HttpErrorCode.tooManyRedirects);
    expect(nextRedirect(visited[4] as URL, "/next", visited.slice(0, 5), 5, []).pathname).toBe("/next");
  });

  it("re-vets every target: scheme, credentials, address", () => {
    expect(errorOf(() => nextRedirect(start, "file:///etc/passwd", [start], 5, [])).code).toBe(HttpErrorCode.badScheme);
    expect(errorOf(() => nextRedirect(start, "https://a:b@evil.example/", [start], 5, [])).code).toBe(HttpErrorCode.credentials);
    expect(errorOf(() => nextRedirect(start, "https://169.254.169.254/", [start], 5, [])).code).toBe(HttpErrorCode.blockedAddress);
    expect(errorOf(() => nextRedirect(start, undefined, [start], 5, [])).code).toBe(HttpErrorCode.badRedirect);
  });
});

describe("allow-list", () => {
  it("parses RADAR_ALLOW_HOSTS into normalised entries", () => {
    expect(parseAllowHosts(" Fixture.Local:8080, 127.0.0.1 ,[::1]:9000,,0x7f.1:81 http://x/ ")).toEqual([
      "fixture.local:8080",
      "127.0.0.1",
      "[::1]:9000",
      "127.0.0.1:81",
    ]);
    expect(parseAllowHosts(undefined)).toEqual([]);
  });

  it("matches host and effective port", () => {
    const allow = parseAllowHosts("fixture.local:80,10.0.0.5");
    expect(isAllowedHost(allow, new URL("http://fixture.local/"))).toBe(true);
    expect(isAllowedHost(allow, new URL("https://fixture.local/"))).toBe(false);
    expect(isAllowedHost(allow, new URL("https://10.0.0.5:8443/"))).toBe(true);
    expect(isAllowedHostPort(parseAllowHosts("[::1]"), "::1", 80)).toBe(true);
    expect(isAllowedHostPort(allow, "fixture.local.evil.com", 80)).toBe(false);
  });
});
