import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Parser from "rss-parser";
import { parseFeed } from "./parse-feed.js";
import { externalEntity } from "./fixtures/feed-samples.js";

// Proves that neither the guard nor the library underneath ever fetches an external entity or DTD:
// a local server counts every request made to it.
describe("external entities and DTDs are never fetched", () => {
  let server: Server;
  let origin = "";
  const hits: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req.url ?? "");
      res.end('<!ENTITY leak "SECRET">');
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  it("parseFeed refuses an external entity without requesting it", async () => {
    await expect(parseFeed(externalEntity(`${origin}/entity`), { baseUrl: origin })).rejects.toMatchObject({ code: "feed-entity-declaration" });
    await settle();
    expect(hits).toEqual([]);
  });

  it("rss-parser alone does not request it either, and leaks nothing", async () => {
    await expect(new Parser().parseString(externalEntity(`${origin}/entity`))).rejects.toThrow(/Invalid character entity/);
    await settle();
    expect(hits).toEqual([]);
  });

  it("an external DTD reference is accepted and not fetched", async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE rss SYSTEM "${origin}/evil.dtd"><rss version="2.0"><channel><title>t</title>` +
      `<item><title>a</title><link>https://example.com/a</link></item></channel></rss>`;
    const feed = await parseFeed(xml, { baseUrl: origin });
    expect(feed.entries.map((e) => e.url)).toEqual(["https://example.com/a"]);
    await settle();
    expect(hits).toEqual([]);
  });
});
