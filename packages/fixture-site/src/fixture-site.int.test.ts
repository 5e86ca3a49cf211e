import { get } from "node:http";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { canonicalUrl, parseFeed } from "@radar/feeds";
import { startFixtureSite, type FixtureSite } from "./fixture-server.js";
import { DEFAULT_SWITCHES, decodeSingleByte } from "./switches.js";

/** Raw bytes and headers, without fetch's automatic gzip decoding. */
function rawGet(url: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const parts: Buffer[] = [];
      res.on("data", (b: Buffer) => parts.push(b));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

describe("fixture site", () => {
  let site: FixtureSite;
  beforeAll(async () => {
    site = await startFixtureSite();
  });
  afterAll(async () => {
    await site.close();
  });
  beforeEach(() => site.set(DEFAULT_SWITCHES));

  it("serves an RSS feed whose entries are the seed pages", async () => {
    const res = await fetch(site.feedUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/rss+xml; charset=UTF-8");
    const feed = await parseFeed(await res.text(), { baseUrl: site.feedUrl });
    expect(feed.kind).toBe("rss");
    expect(feed.problems).toEqual([]);
    expect(site.articleUrls.length).toBeGreaterThanOrEqual(5);
    expect(feed.entries.map((e) => e.url).sort()).toEqual(site.articleUrls.map((u) => canonicalUrl(u)).sort());
    for (const e of feed.entries) {
      expect(e.guid).toMatch(/\/\?p=\d+$/);
      expect(e.publishedAt).toMatch(/^2025-/);
      expect(e.title).toBeTruthy();
      expect(e.categories.length).toBeGreaterThan(0);
    }
  });

  it("serves the same posts as Atom at /feed/atom/ and RDF at /feed/rdf/", async () => {
    const expected = site.articleUrls.map((u) => canonicalUrl(u)).sort();
    for (const [path, kind, type] of [["/feed/atom/", "atom", "application/atom+xml"], ["/feed/rdf/", "rdf", "application/rdf+xml"]] as const) {
      const res = await fetch(`${site.url}${path}?items=3`);
      expect(res.headers.get("content-type")).toBe(`${type}; charset=UTF-8`);
      const feed = await parseFeed(await res.text(), { baseUrl: `${site.url}${path}` });
      expect(feed.kind).toBe(kind);
      expect(feed.problems).toEqual([]);
      const urls = feed.entries.map((e) => e.url);
      expect(urls.filter((u) => !u.includes("/generated/")).sort()).toEqual(expected);
      expect(urls.filter((u) => u.includes("/generated/"))).toHaveLength(3);
      expect(feed.entries.every((e) => e.publishedAt !== null && e.categories.length > 0)).toBe(true);
    }
  });

  it("serves each seed page as an HTN-shaped article that points at the local site", async () => {
    for (const url of site.articleUrls) {
      const res = await fetch(url);
      expect(res.status).toBe(200);
      const page = await res.text();
      expect(page).toContain('<h1 class="entry-title">');
      expect(page).toContain('<div class="entry-content">');
      expect(page).toContain(`<link rel="canonical" href="${url}">`);
      expect(page).not.toContain("https://htn.co.uk");
    }
    const noSlash = site.articleUrls[0]!.replace(/\/$/, "");
    expect((await fetch(noSlash)).status).toBe(200);
  });

  it("redirects WordPress shortlinks (the feed guid) to the permalink", async () => {
    const page = await (await fetch(site.articleUrls[0]!)).text();
    const id = /rel="shortlink" href="[^"]*\?p=(\d+)"/.exec(page)![1];
    const res = await fetch(`${site.url}/?p=${id}`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(site.articleUrls[0]);
  });

  it("answers conditional requests with 304 while etag is on", async () => {
    const first = await fetch(site.feedUrl);
    await first.text();
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^"[0-9a-f]+"$/);
    const byEtag = await fetch(site.feedUrl, { headers: { "If-None-Match": etag } });
    expect(byEtag.status).toBe(304);
    expect(await byEtag.text()).toBe("");
    const byDate = await fetch(site.articleUrls[1]!, { headers: { "If-Modified-Since": new Date().toUTCString() } });
    expect(byDate.status).toBe(304);
    const stale = await fetch(site.feedUrl, { headers: { "If-None-Match": '"other"', "If-Modified-Since": lastModified } });
    expect(stale.status).toBe(200);
    await stale.text();
    site.set({ etag: false });
    const off = await fetch(site.feedUrl, { headers: { "If-None-Match": etag } });
    expect(off.status).toBe(200);
    expect(off.headers.get("etag")).toBeNull();
    await off.text();
    expect((await fetch(`${site.feedUrl}?etag=1`, { headers: { "If-None-Match": etag } })).status).toBe(304);
  });

  it("error status and Retry-After, by set() and by query", async () => {
    site.set({ errorStatus: 503, retryAfterSeconds: 120 });
    const res = await fetch(site.feedUrl);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("120");
    site.set(DEFAULT_SWITCHES);
    const q = await fetch(`${site.articleUrls[0]}?status=429&retryAfter=7`);
    expect([q.status, q.headers.get("retry-after")]).toEqual([429, "7"]);
    expect((await fetch(site.articleUrls[0]!)).status).toBe(200);
  });

  it("redirects and redirect loops", async () => {
    const target = new URL(site.articleUrls[2]!).pathname;
    const res = await fetch(`${site.feedUrl}?redirect=${encodeURIComponent(target)}&redirectStatus=301`, { redirect: "manual" });
    expect(res.status).toBe(301);
    expect(res.headers.get("location")).toBe(site.articleUrls[2]);
    site.set({ redirect: { to: "/feed/" } });
    const moved = await fetch(`${site.url}/old-feed.xml`, { redirect: "manual" });
    expect([moved.status, moved.headers.get("location")]).toEqual([302, site.feedUrl]);
    expect((await fetch(site.feedUrl, { redirect: "manual" })).status).toBe(200);
    site.set({ redirect: null, redirectLoop: true });
    const hop1 = await fetch(site.feedUrl, { redirect: "manual" });
    expect(hop1.headers.get("location")).toBe("/feed/?hop=1");
    const hop2 = await fetch(`${site.url}${hop1.headers.get("location")}`, { redirect: "manual" });
    expect([hop2.status, hop2.headers.get("location")]).toEqual([302, "/feed/?hop=2"]);
    await expect(fetch(site.feedUrl)).rejects.toThrow();
  });

  it("dribbles the body when slow", async () => {
    const size = Buffer.byteLength(await (await fetch(site.articleUrls[4]!)).text());
    const rate = Math.ceil(size / 0.6); // about 0.6 s for the whole page
    const started = performance.now();
    const body = await (await fetch(`${site.articleUrls[4]}?slow=${rate}`)).text();
    const elapsed = performance.now() - started;
    expect(Buffer.byteLength(body)).toBe(size);
    expect(elapsed).toBeGreaterThan(400);
  });

  it("sends a huge chunked body without Content-Length", async () => {
    const res = await rawGet(`${site.feedUrl}?huge=3000000`);
    expect(res.headers["content-length"]).toBeUndefined();
    expect(res.headers["transfer-encoding"]).toBe("chunked");
    expect(res.body.length).toBe(3_000_000);
  });

  it("sends a gzip bomb", async () => {
    const res = await rawGet(`${site.articleUrls[0]}?gzipBomb=20000000`);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.body.length).toBeLessThan(100_000);
    expect(gunzipSync(res.body).length).toBe(20_000_000);
  });

  it("encodes in windows-1252 and iso-8859-1 and declares it", async () => {
    const cp = await rawGet(`${site.articleUrls[0]}?charset=windows-1252`);
    expect(cp.headers["content-type"]).toBe("text/html; charset=windows-1252");
    const text = decodeSingleByte(cp.body, "windows-1252");
    expect(text).toContain('<meta charset="windows-1252">');
    expect(cp.body.includes(Buffer.from([0xa3]))).toBe(true); // £ as one byte
    expect(cp.body.includes(Buffer.from([0x92]))).toBe(true); // ’ as one byte (0x92 is windows-1252 only)
    expect(cp.body.includes(Buffer.from("£", "utf8"))).toBe(false);
    const utf8 = await (await fetch(site.articleUrls[0]!)).text();
    // Characters windows-1252 lacks travel as numeric references; otherwise the page is unchanged.
    const restored = text.replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)));
    expect(restored.replace('<meta charset="windows-1252">', '<meta charset="UTF-8">')).toBe(utf8);
    const latin = await rawGet(`${site.feedUrl}?charset=iso-8859-1`);
    expect(latin.body.subarray(0, 60).toString("latin1")).toContain('encoding="iso-8859-1"');
    const feed = await parseFeed(decodeSingleByte(latin.body, "iso-8859-1"), { baseUrl: site.feedUrl });
    expect(feed.entries).toHaveLength(site.articleUrls.length);
  });

  it("synthesises extra feed items and 2,000 distinct generated pages", async () => {
    const res = await fetch(`${site.feedUrl}?items=2000`);
    const feed = await parseFeed(await res.text(), { baseUrl: site.feedUrl });
    expect(feed.entries).toHaveLength(site.articleUrls.length + 2000);
    const generated = feed.entries.filter((e) => e.url.includes("/generated/"));
    expect(new Set(generated.map((e) => e.url)).size).toBe(2000);
    const [a, b] = await Promise.all([fetch(`${site.url}/generated/1999/`), fetch(`${site.url}/generated/2000/`)]);
    const [pa, pb] = [await a.text(), await b.text()];
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(pa).toContain('<div class="entry-content">');
    expect(pa).not.toBe(pb);
    expect((await fetch(`${site.url}/generated/0/`)).status).toBe(404);
  });

  it("records requests with their headers", async () => {
    const before = site.requests().length;
    await (await fetch(`${site.url}/robots.txt`, { headers: { "User-Agent": "radar-test/1.0" } })).text();
    const last = site.requests().slice(before);
    expect(last).toHaveLength(1);
    expect(last[0]).toMatchObject({ path: "/robots.txt", headers: { "user-agent": "radar-test/1.0" } });
    expect((await fetch(`${site.url}/nothing-here/`)).status).toBe(404);
  });
});

describe("fixture site under a base path", () => {
  it("mounts every route under the prefix", async () => {
    const site = await startFixtureSite({ basePath: "/htn/", switches: { etag: false } });
    try {
      expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/htn$/);
      expect(site.feedUrl).toBe(`${site.url}/feed/`);
      const feedRes = await fetch(site.feedUrl);
      expect(feedRes.headers.get("etag")).toBeNull();
      const feed = await parseFeed(await feedRes.text(), { baseUrl: site.feedUrl });
      expect(feed.entries.every((e) => e.url.startsWith(site.url + "/"))).toBe(true);
      expect((await fetch(site.articleUrls[0]!)).status).toBe(200);
      expect((await fetch(site.url.replace("/htn", "/feed/"))).status).toBe(404);
    } finally {
      await site.close();
    }
  });
});
