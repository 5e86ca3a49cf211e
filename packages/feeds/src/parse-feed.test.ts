import { describe, expect, it } from "vitest";
import { RadarError } from "@radar/core";
import { parseFeed } from "./parse-feed.js";
import { ATOM_FEED, RDF_FEED, rss2Feed, wordpressItems } from "./fixtures/feed-samples.js";

const BASE = "https://htn.co.uk/feed/";

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(RadarError);
    expect((err as RadarError).retryable).toBe(false);
    return { code: (err as RadarError).code, message: (err as RadarError).message };
  }
  throw new Error("expected a RadarError");
}

describe("parseFeed: formats", () => {
  it("reads a WordPress RSS 2.0 feed", async () => {
    const xml = rss2Feed(wordpressItems(3));
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.kind).toBe("rss");
    expect(feed.title).toBe("HTN - Health Tech Newspaper");
    expect(feed.problems).toEqual([]);
    expect(feed.entries).toHaveLength(3);
    const first = feed.entries[0]!;
    expect(first.url).toBe("https://htn.co.uk/2025/06/28/trust-0-goes-live-with-new-epr");
    expect(first.guid).toBe("https://htn.co.uk/?p=90000");
    expect(first.title).toBe("Trust 0 goes live with new EPR & patient portal");
    expect(first.publishedAt).toBe("2025-06-28T00:15:00.000Z");
    expect(first.categories).toEqual(["News", "EPR"]);
  });

  it("decodes character references and double-escaped titles", async () => {
    const xml = rss2Feed([{ title: "Trust&#8217;s &#8220;digital front door&#8221; &#8211; live", link: "https://htn.co.uk/a/" }])
      .replace("Trust&amp;#8217;s", "Trust&#8217;s");
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.entries[0]!.title).toBe("Trust\u2019s \u201cdigital front door\u201d \u2013 live");
  });

  it("reads Atom: relative links, tracking params, categories, id as permalink", async () => {
    const feed = await parseFeed(ATOM_FEED, { baseUrl: "https://www.ukauthority.com/feeds/health.atom" });
    expect(feed.kind).toBe("atom");
    expect(feed.title).toBe("UKAuthority Health");
    expect(feed.entries.map((e) => e.url)).toEqual([
      "https://www.ukauthority.com/articles/icb-council-data-sharing",
      "https://www.ukauthority.com/articles/ambulance-ai-triage",
    ]);
    const [a, b] = feed.entries;
    expect(a!.title).toBe("ICB & council sign data-sharing deal");
    expect(a!.guid).toBe("tag:ukauthority.com,2025:article-1");
    expect(a!.publishedAt).toBe("2025-06-23T07:30:00.000Z");
    expect(a!.categories).toEqual(["Data sharing", "health"]);
    expect(b!.publishedAt).toBe("2025-06-20T12:00:00.000Z");
  });

  it("reads RDF (RSS 1.0) with dc:date and dc:subject", async () => {
    const feed = await parseFeed(RDF_FEED, { baseUrl: "https://example.nhs.uk/news/rss" });
    expect(feed.kind).toBe("rdf");
    expect(feed.title).toBe("Example NHS News (RSS 1.0)");
    expect(feed.entries.map((e) => e.url)).toEqual([
      "https://example.nhs.uk/news/virtual-wards-expand",
      "https://example.nhs.uk/news/shared-care-record",
    ]);
    expect(feed.entries[0]!.categories).toEqual(["Virtual care"]);
    expect(feed.entries[0]!.publishedAt).toBe("2025-05-02T10:00:00.000Z");
    expect(feed.entries[1]!.publishedAt).toBe("2025-05-01T00:00:00.000Z");
  });

  it("accepts an RSS feed without a version and one with a harmless public DTD", async () => {
    const noVersion = rss2Feed([{ title: "x", link: "https://a.example/x" }]).replace('<rss version="2.0"', "<rss");
    expect((await parseFeed(noVersion, { baseUrl: BASE })).entries).toHaveLength(1);
    const netscape = rss2Feed([{ title: "y", link: "https://a.example/y" }]).replace(
      "<rss ", '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">\n<rss ',
    );
    expect((await parseFeed(netscape, { baseUrl: BASE })).entries[0]!.url).toBe("https://a.example/y");
  });
});

describe("parseFeed: links, guids and duplicates", () => {
  it("uses a permalink guid when the link is missing, reports entries without either", async () => {
    const xml = rss2Feed([
      { title: "Permalink guid", guid: "https://htn.co.uk/2025/06/01/permalink-guid/" },
      { title: "Opaque guid", guid: "https://htn.co.uk/?p=77", guidIsPermaLink: false },
      { title: "Tag guid", guid: "tag:htn.co.uk,2025:5" },
      { title: "Nothing at all" },
      { title: "Bad link", link: "javascript:void(0)" },
      { title: "Relative link", link: "/2025/06/02/relative/" },
    ]);
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.entries.map((e) => e.url)).toEqual([
      "https://htn.co.uk/2025/06/01/permalink-guid",
      "https://htn.co.uk/2025/06/02/relative",
    ]);
    expect(feed.problems).toHaveLength(4);
    expect(feed.problems.join("\n")).toMatch(/Opaque guid.*not a permalink/);
    expect(feed.problems.join("\n")).toMatch(/Nothing at all.*no link and no guid/);
    expect(feed.problems.join("\n")).toMatch(/Bad link.*unsupported URL scheme/);
  });

  it("collapses duplicates that differ only by tracking params, fragment or slash", async () => {
    const xml = rss2Feed([
      { title: "One", link: "https://htn.co.uk/2025/06/23/one/", categories: ["News"] },
      { title: "One again", link: "https://HTN.co.uk/2025/06/23/one?utm_source=rss#respond", categories: ["EPR"], pubDate: "Mon, 23 Jun 2025 09:00:00 +0000" },
      { title: "Two", link: "https://htn.co.uk/2025/06/23/two/" },
    ]);
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.entries).toHaveLength(2);
    const one = feed.entries[0]!;
    expect(one.title).toBe("One");
    expect(one.categories).toEqual(["News", "EPR"]);
    expect(one.publishedAt).toBe("2025-06-23T09:00:00.000Z");
    expect(feed.problems).toEqual(["1 duplicate entry collapsed"]);
  });

  it("treats an empty feed as zero entries with a note", async () => {
    const feed = await parseFeed(rss2Feed([]), { baseUrl: BASE });
    expect(feed.entries).toEqual([]);
    expect(feed.problems).toEqual(["feed has no entries"]);
  });

  it("keeps entries whose date cannot be parsed, with a null date", async () => {
    const feed = await parseFeed(rss2Feed([{ title: "x", link: "https://a.example/x", pubDate: "sometime soon" }]), { baseUrl: BASE });
    expect(feed.entries[0]!.publishedAt).toBeNull();
  });
});

describe("parseFeed: refusals", () => {
  it("refuses an HTML page as not-a-feed", async () => {
    const page = "<!DOCTYPE html>\n<html lang=en><head><title>HTN</title></head><body><p>Hello<br></body></html>";
    expect((await codeOf(parseFeed(page, { baseUrl: BASE }))).code).toBe("not-a-feed");
    const noDoctype = "\n  <html><head><title>x</title></head><body></body></html>";
    const r = await codeOf(parseFeed(noDoctype, { baseUrl: BASE }));
    expect(r.code).toBe("not-a-feed");
    expect(r.message).toContain("HTML page");
  });

  it("refuses JSON and other XML as not-a-feed", async () => {
    expect((await codeOf(parseFeed('{"version":"https://jsonfeed.org/version/1"}', { baseUrl: BASE }))).code).toBe("not-a-feed");
    expect((await codeOf(parseFeed('<?xml version="1.0"?><urlset><url/></urlset>', { baseUrl: BASE }))).code).toBe("not-a-feed");
  });

  it("reports malformed XML with the parser's reason", async () => {
    const broken = rss2Feed([{ title: "x", link: "https://a.example/x" }]).replace("</item>", "");
    const r = await codeOf(parseFeed(broken, { baseUrl: BASE }));
    expect(r.code).toBe("malformed-feed");
    expect(r.message).toMatch(/malformed feed: .*(close tag|Unclosed)/i);
    expect((await codeOf(parseFeed("   ", { baseUrl: BASE }))).code).toBe("malformed-feed");
    expect((await codeOf(parseFeed('<rss version="2.0"></rss>', { baseUrl: BASE }))).code).toBe("malformed-feed");
  });

  it("a failure does not poison the next parse", async () => {
    const broken = rss2Feed([{ title: "x", link: "https://a.example/x" }]).replace("</item>", "");
    await codeOf(parseFeed(broken, { baseUrl: BASE }));
    await expect(parseFeed(rss2Feed([{ title: "ok", link: "https://a.example/ok" }]), { baseUrl: BASE })).resolves.toMatchObject({ kind: "rss" });
    expect((await codeOf(parseFeed(broken, { baseUrl: BASE }))).code).toBe("malformed-feed");
  });
});

describe("parseFeed: forgiving what real feeds get wrong", () => {
  it("repairs bare ampersands outside CDATA and says so", async () => {
    const xml = `<?xml version="1.0"?><rss version="2.0"><channel><title>R&D news</title>
      <item><title>NHS R&D unit & partners</title><link>https://e.example/a?x=1&y=2</link></item>
      <item><title><![CDATA[Kept &amp; literal]]></title><link>https://e.example/b</link></item></channel></rss>`;
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.title).toBe("R&D news");
    expect(feed.entries.map((e) => [e.url, e.title])).toEqual([
      ["https://e.example/a?x=1&y=2", "NHS R&D unit & partners"],
      ["https://e.example/b", "Kept & literal"],
    ]);
    expect(feed.problems).toEqual(["repaired 4 unescaped ampersands"]);
  });

  it("drops control characters from titles", async () => {
    const feed = await parseFeed(rss2Feed([{ title: "Trust\u0001 goes\u000b live", link: "https://e.example/c" }]), { baseUrl: BASE });
    expect(feed.entries[0]!.title).toBe("Trust goes live");
  });

  it("reads Atom entries rss-parser cannot map (bad date, link as text) instead of failing the feed", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
      <entry><title>Bad date</title><link href="https://e.example/x"/><published>not a date</published><updated>2025-03-01T10:00:00Z</updated><category term="EPR"/></entry>
      <entry><title>Text link</title><link>https://e.example/y</link><id>urn:uuid:1</id></entry>
      <entry><title>Fine</title><link href="https://e.example/z"/><published>2025-03-02T10:00:00Z</published></entry></feed>`;
    const feed = await parseFeed(xml, { baseUrl: BASE });
    expect(feed.entries.map((e) => [e.url, e.publishedAt])).toEqual([
      ["https://e.example/x", "2025-03-01T10:00:00.000Z"],
      ["https://e.example/y", null],
      ["https://e.example/z", "2025-03-02T10:00:00.000Z"],
    ]);
    expect(feed.entries[0]!.categories).toEqual(["EPR"]);
    expect(feed.problems).toHaveLength(2);
    expect(feed.problems[0]).toMatch(/fallback reader \(Invalid time value\)/);
  });
});
