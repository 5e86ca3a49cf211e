import { existsSync, readFileSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { blocksToText, bodyF1, extractArticle, extractText } from "./index.js";

/** HTML renderings of the seed articles (written by the seed tooling) next to their text. */
const DIR = "/work/main/seeds/articles";
const pairs = existsSync(DIR)
  ? readdirSync(DIR)
      .filter((f) => f.endsWith(".html") && existsSync(`${DIR}/${f.replace(/\.html$/, ".txt")}`))
      .map((f) => f.replace(/\.html$/, ""))
  : [];

describe.skipIf(pairs.length === 0)("seed HTML pages agree with their plain-text versions", () => {
  for (const name of pairs) {
    it(`${name}: HTML body matches the text body (F1 >= 0.97) with full metadata`, () => {
      const html = extractArticle(readFileSync(`${DIR}/${name}.html`, "utf8"), { url: "https://htn.co.uk/" });
      const text = extractText(readFileSync(`${DIR}/${name}.txt`, "utf8"));
      expect(bodyF1(blocksToText(html.blocks), blocksToText(text.blocks)).f1).toBeGreaterThanOrEqual(0.97);
      expect(html.title.length).toBeGreaterThan(10);
      expect(html.publishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(html.url).toMatch(/^https:\/\//);
      // Text headings are found again as HTML headings (same story boundaries for segmenting).
      const htmlHeadings = new Set(html.blocks.filter((b) => b.type === "heading").map((b) => b.text));
      for (const h of text.blocks.filter((b) => b.type === "heading")) expect(htmlHeadings).toContain(h.text);
    });
  }
});
