import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO, radar } from "./cli.js";

const articles = path.join(REPO, "seeds/articles");
const file = (prefix: string, ext: string) => path.join(articles, fs.readdirSync(articles).find((f) => f.startsWith(prefix) && f.endsWith(ext))!);

const ITEM_KEYS = ["heading", "icb", "kind", "money", "ordinal", "orgs", "periods", "region", "status", "suppliers", "text", "themes"];

describe("radar analyze --json", () => {
  it("prints one JSON document in the contract shape for text, HTML and stdin, and exits 1 for an unreadable input while processing the rest", async () => {
    const stdin = fs.readFileSync(file("003", ".txt"), "utf8");
    const res = await radar(["analyze", "--json", file("000", ".txt"), file("004", ".html"), "missing-file.txt", "-", "gopher://example.org/x"], {}, stdin);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/missing-file\.txt: .*no such file/i);
    expect(res.stderr).toMatch(/gopher:\/\/example\.org\/x: only files, http\(s\) URLs and - are accepted/);
    const doc = JSON.parse(res.stdout) as { analyzerVersion: string; articles: Array<Record<string, unknown> & { items: Array<Record<string, unknown>> }> };
    expect(Object.keys(doc).sort()).toEqual(["analyzerVersion", "articles"]);
    expect(doc.analyzerVersion).toMatch(/\S/);
    expect(doc.articles.map((a) => a.source)).toEqual([file("000", ".txt"), file("004", ".html"), "-"]);
    for (const a of doc.articles) {
      expect(Object.keys(a).sort()).toEqual(["items", "publishedAt", "source", "title", "url"]);
      for (const item of a.items) {
        expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
        expect(["initiative", "sponsored", "opinion", "teaser"]).toContain(item.kind);
        for (const t of item.themes as Array<Record<string, unknown>>) expect(Object.keys(t).sort()).toEqual(["evidence", "id", "score"]);
        for (const o of item.orgs as Array<Record<string, unknown>>) expect(Object.keys(o).sort()).toEqual(["code", "kind", "name"]);
      }
    }
    const html = doc.articles[1]!;
    expect(html.title).toBe("West and North London ICB shares strategy development");
    expect(html.url).toMatch(/^https:\/\/htn\.co\.uk\//);
    const wlt = doc.articles[0]!.items.find((i) => String(i.heading).startsWith("West London NHS Trust plans"))!;
    expect(wlt.region).toBe("London");
    expect(wlt.money).toEqual([{ text: "£29 million", pounds: 29_000_000 }]);
    expect((wlt.orgs as Array<{ name: string; code: string }>)[0]).toMatchObject({ name: "West London NHS Trust", code: "RKL" });
  });

  it("prints a readable table without --json", async () => {
    const res = await radar(["analyze", file("002", ".txt")]);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/kind\s+region\s+icb\s+organisations\s+themes\s+story/);
    expect(res.stdout).toMatch(/initiative\s+Midlands\s+Lincolnshire/);
  });
});
