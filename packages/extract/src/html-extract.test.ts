import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { ExtractedArticleSchema } from "@radar/core";
import { describe, expect, it } from "vitest";
import { blocksToText, bodyF1, extractArticle, extractHtml } from "./index.js";

const FIXTURES = join(import.meta.dirname, "fixtures");
const fixture = (name: string) => ({
  html: readFileSync(join(FIXTURES, `${name}.html`), "utf8"),
  expected: readFileSync(join(FIXTURES, `${name}.expected.txt`), "utf8"),
});
const NAMES = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".html"))
  .map((f) => f.replace(/\.html$/, ""));

describe("extractHtml body quality on CMS-shaped fixtures", () => {
  it("has the five fixture shapes", () => {
    expect(NAMES.sort()).toEqual(["amp-article", "div-soup", "news-article", "split-body", "wordpress-htn"]);
  });

  for (const name of NAMES) {
    it(`${name}: body F1 >= 0.95 and schema-valid`, () => {
      const { html, expected } = fixture(name);
      const article = ExtractedArticleSchema.parse(extractHtml(html));
      const score = bodyF1(blocksToText(article.blocks), expected);
      expect(score.f1).toBeGreaterThanOrEqual(0.95);
      expect(blocksToText(article.blocks)).not.toMatch(/All rights reserved|Leave a Reply|Advertisement|Sign up/i);
    });
  }

  it("still finds the WordPress body when no known container class is present", () => {
    const { html, expected } = fixture("wordpress-htn");
    const bare = html.replace(/entry-content/g, "td-body-inner");
    const article = extractHtml(bare);
    expect(bodyF1(blocksToText(article.blocks), expected).f1).toBeGreaterThanOrEqual(0.95);
  });
});

describe("extractHtml metadata", () => {
  it("reads WordPress/HTN metadata and resolves a relative canonical against opts.url", () => {
    const a = extractHtml(fixture("wordpress-htn").html, { url: "https://htn.co.uk/feed/" });
    expect(a.title).toBe("Leeds Teaching Hospitals sets out EPR roll-out timeline");
    expect(a.publishedAt).toBe("2025-06-23T08:15:00.000Z");
    expect(a.author).toBe("Hanna Jones");
    expect(a.url).toBe("https://htn.co.uk/2025/06/23/leeds-epr-timeline/");
    expect(a.categories).toEqual(["News", "EPR"]);
    expect(a.tags).toEqual(["EPR", "Leeds", "Yorkshire"]);
  });

  it("falls back to JSON-LD for date, author, section and keywords", () => {
    const a = extractHtml(fixture("amp-article").html);
    expect(a.publishedAt).toBe("2025-02-10T09:30:00.000Z");
    expect(a.author).toBe("Rhys Morgan");
    expect(a.categories).toEqual(["Emergency care"]);
    expect(a.tags).toEqual(["ambulance", "Wales", "interoperability"]);
  });

  it("strips a site-name suffix from <title> and reads meta author on a bare page", () => {
    const a = extractHtml(fixture("div-soup").html);
    expect(a.title).toBe("Grampian digital front door to go live in spring");
    expect(a.author).toBe("Iain Fraser");
    expect(a.url).toBeNull();
  });
});

describe("extractHtml block structure", () => {
  const page = (body: string, head = "<title>Trust launches virtual ward</title>") =>
    `<html><head>${head}</head><body><article>${body}</article></body></html>`;
  const para = "The trust said the virtual ward would support up to 40 patients at home, with remote monitoring, daily reviews and a clinical hub.";

  it("keeps heading levels, drops the heading that repeats the title, keeps curly quotes", () => {
    const a = extractHtml(page(`<h1>Trust launches virtual ward</h1><p>${para}</p><h3>What’s next</h3><p>“It works,” she said, adding more detail for the board.</p>`));
    expect(a.blocks).toEqual([
      { type: "paragraph", text: para },
      { type: "heading", text: "What’s next", level: 3 },
      { type: "paragraph", text: "“It works,” she said, adding more detail for the board." },
    ]);
  });

  it("splits <br><br> runs into paragraphs and decodes entities", () => {
    const a = extractHtml(page(`<div>${para}<br><br>Second &amp; final paragraph&nbsp;here, with a comma.<br>Same paragraph.</div>`));
    expect(a.blocks.map((b) => b.text)).toEqual([para, "Second & final paragraph here, with a comma. Same paragraph."]);
  });

  it("turns ul/ol into list blocks and blockquotes into paragraphs", () => {
    const a = extractHtml(page(`<p>${para}</p><ol><li>First step</li><li>Second <b>step</b></li></ol><blockquote><p>A quoted remark, in full.</p></blockquote>`));
    expect(a.blocks[1]).toEqual({ type: "list", text: "First step\nSecond step", items: ["First step", "Second step"] });
    expect(a.blocks[2]).toEqual({ type: "paragraph", text: "A quoted remark, in full." });
  });

  it("drops teaser links and furniture sections but keeps link-heavy sentences", () => {
    const a = extractHtml(page(`<p>${para}</p>
      <p>Last month, <a href="/g">NHS England published its guidance on ambient voice technology</a>.</p>
      <p><a href="/t">Another story headline that is only a link</a></p>
      <h2>Latest news</h2><p>This section heading is furniture, but the paragraph under it is article prose.</p>
      <h2>Related articles</h2><p>Teaser text for another article that follows a related heading.</p>`));
    expect(a.blocks.map((b) => b.text)).toEqual([
      para,
      "Last month, NHS England published its guidance on ambient voice technology.",
      "This section heading is furniture, but the paragraph under it is article prose.",
    ]);
  });

  it("honours hints.contentSelector over the heuristics", () => {
    const html = `<html><body><div class="x"><p>${para}</p><p>${para} Again.</p></div><div id="real"><p>Only this short body counts here, as the hint says so, and it has enough text to pass the minimum length.</p></div></body></html>`;
    const a = extractHtml(html, { hints: { contentSelector: "#real" } });
    expect(a.blocks.map((b) => b.text)).toEqual([
      "Only this short body counts here, as the hint says so, and it has enough text to pass the minimum length.",
    ]);
  });

  it("dispatches by content type and by sniffing", () => {
    const html = page(`<p>${para}</p>`);
    expect(extractArticle(html).blocks[0]?.text).toBe(para);
    expect(extractArticle(html, { contentType: "text/plain" }).blocks[0]?.text).toContain("<p>");
    expect(extractArticle(`Trust news\n\n${para}`).title).toBe("Trust news");
  });
});
