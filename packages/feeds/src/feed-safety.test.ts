import { describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { RadarError } from "@radar/core";
import { parseFeed } from "./parse-feed.js";
import { MAX_FEED_CHARS } from "./feed-guards.js";
import { billionLaughs, externalEntity, quadraticBlowup, rss2Feed, wordpressItems } from "./fixtures/feed-samples.js";

const BASE = "https://htn.co.uk/feed/";

async function refusal(xml: string): Promise<RadarError> {
  try {
    await parseFeed(xml, { baseUrl: BASE });
  } catch (err) {
    expect(err).toBeInstanceOf(RadarError);
    expect((err as RadarError).retryable).toBe(false);
    return err as RadarError;
  }
  throw new Error("expected parseFeed to refuse the document");
}

describe("entity declarations are refused before parsing", () => {
  it("billion laughs", async () => {
    const started = performance.now();
    const err = await refusal(billionLaughs());
    expect(err.code).toBe("feed-entity-declaration");
    expect(err.message).toMatch(/declares entities/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("quadratic blow-up", async () => {
    expect((await refusal(quadraticBlowup())).code).toBe("feed-entity-declaration");
  });

  it("external entity", async () => {
    expect((await refusal(externalEntity("file:///etc/passwd"))).code).toBe("feed-entity-declaration");
  });

  it("lower-case and spaced declarations too", async () => {
    const xml = '<?xml version="1.0"?>\n<!doctype rss [ <!entity x "y"> ]><rss version="2.0"><channel><title>t</title></channel></rss>';
    expect((await refusal(xml)).code).toBe("feed-entity-declaration");
  });
});

// What the library underneath does with these documents when nothing guards it: sax ignores DTD
// entity declarations, so a reference to one is an error, never an expansion.
describe("rss-parser / sax behaviour without the guard", () => {
  it("does not expand billion laughs: it fails fast on the unknown entity", async () => {
    const started = performance.now();
    await expect(new Parser().parseString(billionLaughs())).rejects.toThrow(/Invalid character entity/);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("does not expand a quadratic blow-up", async () => {
    await expect(new Parser().parseString(quadraticBlowup())).rejects.toThrow(/Invalid character entity/);
  });

  it("does not resolve an external file entity", async () => {
    await expect(new Parser().parseString(externalEntity("file:///etc/hostname"))).rejects.toThrow(/Invalid character entity/);
  });
});

describe("size guard", () => {
  it("rejects text over 15 MiB without parsing it", async () => {
    const head = rss2Feed(wordpressItems(1));
    const huge = head + " ".repeat(MAX_FEED_CHARS + 1 - head.length);
    expect(huge.length).toBe(MAX_FEED_CHARS + 1);
    const started = performance.now();
    const err = await refusal(huge);
    expect(err.code).toBe("feed-too-large");
    expect(performance.now() - started).toBeLessThan(200);
  });

  it("parses a large but allowed feed (2,000 items)", async () => {
    const xml = rss2Feed(wordpressItems(2000));
    expect(xml.length).toBeGreaterThan(1_000_000);
    const feed = await parseFeed(xml, { baseUrl: BASE });
    // wordpressItems reuses 28 days, so slugs stay distinct and nothing collapses.
    expect(feed.entries).toHaveLength(2000);
  });
});

describe("speed", () => {
  it("parses a 50-item feed quickly", async () => {
    const xml = rss2Feed(wordpressItems(50));
    await parseFeed(xml, { baseUrl: BASE }); // warm-up: module initialisation, JIT
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await parseFeed(xml, { baseUrl: BASE });
    const perParse = (performance.now() - started) / runs;
    console.log(`parseFeed: 50 items, ${xml.length} chars, ${perParse.toFixed(2)} ms per parse`);
    expect(perParse).toBeLessThan(100);
  });
});
