import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_ARTICLES_DIR } from "./fixture-server.js";
import { postFromHtml } from "./site-content.js";

// The committed seed pages (scripts/make-seed-html.ts) must keep the shape other packages rely on.
const files = readdirSync(DEFAULT_ARTICLES_DIR).filter((f) => f.endsWith(".html")).sort();
const texts = readdirSync(DEFAULT_ARTICLES_DIR).filter((f) => f.endsWith(".txt")).sort();

describe("seed pages", () => {
  it("exist for every seed text", () => {
    expect(files.map((f) => f.replace(/\.html$/, ""))).toEqual(texts.map((f) => f.replace(/\.txt$/, "")));
  });

  for (const file of files) {
    it(`${file} looks like an HTN WordPress post`, () => {
      const html = readFileSync(join(DEFAULT_ARTICLES_DIR, file), "utf8");
      const post = postFromHtml(html, file, 0, "http://fixture.test");
      expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
      expect(post.path).toMatch(/^\/2025\/\d{2}\/\d{2}\/[a-z0-9-]+\/$/);
      expect(post.publishedAt).toMatch(/^2025-\d{2}-\d{2}T/);
      expect(html).toContain(`<link rel="canonical" href="https://htn.co.uk${post.path}">`);
      expect(html).toContain(`<meta property="og:url" content="https://htn.co.uk${post.path}">`);
      const ld = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)![1]!);
      expect(ld).toMatchObject({ "@type": "NewsArticle", headline: post.title, datePublished: post.publishedAt, author: { name: post.author } });
      expect(html).toMatch(/<article id="post-\d+" class="post-\d+ post type-post /);
      expect(html).toContain(`<h1 class="entry-title">`);
      expect(html).toMatch(/rel="category tag"/);
      const content = /<div class="entry-content">([\s\S]*?)\n  <\/div>/.exec(html)![1]!;
      expect(content).toMatch(/<p>/);
      expect(content).not.toMatch(/top of page|bottom of page|min read|<p>\s*•/i);
      const firstBlock = /<(p|h2|h3)[^>]*>([^<]*)</.exec(content)![2]!;
      expect(firstBlock.toLowerCase()).not.toBe(post.title.toLowerCase());
      // Every line of the seed text survives, except pasted page furniture and the title line.
      const decoded = content.replace(/<[^>]+>/g, "\n").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&amp;/g, "&");
      const source = readFileSync(join(DEFAULT_ARTICLES_DIR, file.replace(/\.html$/, ".txt")), "utf8");
      const lines = source.split("\n").map((l) => l.replace(/^\s*•\s*/, "").replace(/\s+/g, " ").trim());
      const kept = lines.filter((l) => l !== "" && l !== post.title && !/^(top|bottom) of page$|^\d+ min read$|^[A-Z][a-z]{2} \d{1,2}$/.test(l));
      for (const line of kept) expect(decoded).toContain(line);
      for (const chrome of ['id="site-navigation"', 'id="cookie-notice"', 'class="share-bar', 'id="related-posts"', 'id="comments"', 'id="secondary"', 'id="colophon"']) {
        expect(html).toContain(chrome);
      }
    });
  }
});
