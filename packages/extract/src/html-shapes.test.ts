import { describe, expect, it } from "vitest";
import { blocksToText, bodyF1, extractHtml } from "./index.js";

/** Distinct prose paragraphs (commas and length make them score like real copy). */
const P = (i: number) =>
  `Paragraph ${i} of the story says the trust, working with partners, will expand the service to ${i * 3} more sites by the end of the year, subject to funding.`;
const paras = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => P(from + k));
const f1 = (html: string, expected: string[]) => bodyF1(blocksToText(extractHtml(html).blocks), expected.join("\n"));

describe("extractHtml on further publisher shapes", () => {
  it("BBC-like: one wrapper per paragraph, byline and caption blocks, link blocks", () => {
    const block = (p: string) => `<div data-component="text-block"><div class="ssrcss-1"><p>${p}</p></div></div>`;
    const html = `<html><body><header><nav><a href="/">Home</a><a href="/news">News</a></nav></header><main><article>
      <header><h1>Story title here</h1></header>
      <div data-component="byline-block"><span>By Jo Bloggs</span><span>Health reporter</span></div>
      ${paras(0, 4).map(block).join("")}
      <div data-component="image-block"><figure><img src="x"><figcaption>Image caption, The hospital site</figcaption></figure></div>
      ${paras(4, 6).map(block).join("")}
      <div data-component="links-block"><h2>More on this story</h2><ul><li><a href="/1">Hospital to get new scanner</a></li><li><a href="/2">Trust rated inadequate</a></li></ul></div>
      </article></main><footer><p>Copyright 2025 Example.</p></footer></body></html>`;
    expect(f1(html, paras(0, 6)).f1).toBe(1);
  });

  it("NYT-like: body split over sibling columns with ads between", () => {
    const col = (ps: string[]) => `<div class="css-53u6y8 StoryBodyCompanionColumn"><div class="css-1f"><p>${ps.join("</p><p>")}</p></div><aside class="css-ad"><div>Advertisement</div></aside></div>`;
    const html = `<html><body><main><article><header><h1>Story title</h1></header><section name="articleBody">${col(paras(0, 2))}${col(paras(2, 4))}${col(paras(4, 5))}</section></article></main></body></html>`;
    expect(f1(html, paras(0, 5)).f1).toBe(1);
  });

  it("keeps every sibling .article-body, not the one in the sidebar or the newsletter box", () => {
    const html = `<html><body><div class="page"><div class="article-body"><p>${P(0)}</p><p>${P(1)}</p></div>
      <div class="newsletter-box"><p>Sign up to our newsletter for the latest news today.</p></div>
      <div class="article-body"><p>${P(2)}</p><p>${P(3)}</p></div></div>
      <aside><div class="article-body"><p>${P(9)}</p></div></aside></body></html>`;
    expect(f1(html, paras(0, 4)).f1).toBe(1);
  });

  it("prefers the scored body over a small teaser that happens to use a known class", () => {
    const html = `<html><body><div class="main"><div class="story-text">${paras(0, 8).map((p) => `<p>${p}</p>`).join("")}</div></div>
      <div class="rail"><div class="card"><div class="post-content"><p>${P(20)} A teaser long enough to pass the minimum.</p></div></div></div></body></html>`;
    expect(f1(html, paras(0, 8)).f1).toBe(1);
  });

  it("old table layout with <br><br> paragraphs and a navigation cell", () => {
    const html = `<html><body><table><tr><td class="nav"><a href="/">Home</a><br><a href="/a">Archive</a></td>
      <td>${paras(0, 5).join("<br><br>\n")}</td></tr><tr><td colspan="2"><font size="1">Copyright 2003 Example. All rights reserved.</font></td></tr></table></body></html>`;
    const article = extractHtml(html);
    expect(article.blocks.map((b) => b.text)).toEqual(paras(0, 5));
  });

  it("script-rendered page: falls back to JSON-LD articleBody when the DOM body is empty", () => {
    const ld = { "@context": "https://schema.org", "@type": "NewsArticle", headline: "Trust app", articleBody: `${P(0)}\n\n${P(1)}\n${P(2)}` };
    const html = `<html><head><script type="application/ld+json">${JSON.stringify(ld)}</script></head>
      <body><div id="root"><nav><a href="/">Home</a></nav><div class="loading">Loading…</div></div><script src="/app.js"></script></body></html>`;
    const article = extractHtml(html);
    expect(article.title).toBe("Trust app");
    expect(article.blocks.map((b) => b.text)).toEqual(paras(0, 3));
  });

  it("keeps a body container whose class list also carries a chrome word", () => {
    const html = `<html><body><nav>${"<a href='/s'>Section link</a>".repeat(20)}</nav>
      <div class="story-wrapper social-share-enabled">${paras(0, 6).map((p) => `<p>${p}</p>`).join("")}</div>
      <div class="comments-section"><p>${P(30)}</p><p>${P(31)}</p><p>${P(32)}</p><p>${P(33)}</p></div></body></html>`;
    expect(f1(html, paras(0, 6)).f1).toBe(1);
  });
});
