import { describe, expect, it } from "vitest";
import { blocksToText, bodyF1, extractHtml } from "./index.js";

/**
 * Shapes found when measuring on real news pages (hand-made snippets that reproduce the
 * pattern, not copies of those pages).
 */
const P = (i: number) =>
  `Paragraph ${i} of the report says the board, after long talks with partners, approved ${i * 2} new posts for community care.`;
const paras = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => P(from + k));
const ps = (from: number, to: number) => paras(from, to).map((p) => `<p>${p}</p>`).join("");
const f1 = (html: string, expected: string[]) => bodyF1(blocksToText(extractHtml(html).blocks), expected.join("\n"));

/** Link-list modules (not named as chrome) that outweigh the article's text. */
const linkModules = (n: number) =>
  Array.from({ length: n }, (_, m) =>
    `<div class="module-content"><ul>${Array.from({ length: 12 }, (_, i) => `<li><a href="/m${m}/${i}">Other headline number ${i} in module ${m} of the site</a></li>`).join("")}</ul></div>`,
  ).join("");

describe("patterns from real news pages", () => {
  it("keeps a body wrapper named with a chrome word when it holds most of the prose", () => {
    // id="read-more-content" carries "read-more" (a soft chrome word); the page's link modules
    // hold more text than the article, so a text-share rule alone pruned the whole body.
    const html = `<html><body>${linkModules(6)}<div id="story"><div class="story-intro"><p>${P(0)}</p></div>
      <div id="read-more-content">${ps(1, 8)}</div><div class="share-tools"><a href="/s">Share</a></div></div>
      ${linkModules(4)}</body></html>`;
    expect(f1(html, paras(0, 8)).f1).toBe(1);
  });

  it("still prunes a small chrome-named box next to the body", () => {
    const html = `<html><body><article>${ps(0, 6)}<div class="read-more"><p>${P(40)} Read the rest of our coverage.</p></div></article></body></html>`;
    expect(blocksToText(extractHtml(html).blocks)).not.toContain("Paragraph 40");
  });

  it("joins a body split around an embed into differently wrapped halves", () => {
    const html = `<html><body>${linkModules(2)}<div class="wrap"><div class="col"><div class="txt-a">${ps(0, 5)}</div></div>
      <div class="inline-video"><span>Watch: the new ward</span></div>
      <div class="col2"><div class="txt-b">${ps(5, 10)}</div></div></div>${linkModules(2)}</body></html>`;
    expect(f1(html, paras(0, 10)).f1).toBe(1);
  });

  it("keeps a lead paragraph that sits in its own wrapper before the body", () => {
    const html = `<html><body>${linkModules(2)}<div class="wrap"><div class="lead"><p>${P(50)}</p></div>
      <div class="x"><div class="body-copy">${ps(0, 8)}</div></div></div>${linkModules(2)}</body></html>`;
    expect(f1(html, [P(50), ...paras(0, 8)]).f1).toBe(1);
  });

  it("does not pull a deeply nested teaser card from a neighbouring rail", () => {
    const html = `<html><body><div class="main"><div class="story">${ps(0, 8)}</div></div>
      <div class="rail"><div class="card"><div class="teaser"><p>${P(70)} Another story entirely.</p></div></div></div></body></html>`;
    expect(f1(html, paras(0, 8)).f1).toBe(1);
  });

  it("keeps links and spans inside running text whatever their class, but not hidden text", () => {
    const html = `<html><body><article>${ps(0, 4)}
      <p>I am a <a class="popup" href="#n1">rather elderly</a> man, and <span class="share-quote">the nature of my work</span> has brought me into contact with <span class="sr-only">(opens a note)</span>many people.</p>
      </article></body></html>`;
    const text = blocksToText(extractHtml(html).blocks);
    expect(text).toContain("I am a rather elderly man, and the nature of my work has brought me into contact with many people.");
    expect(text).not.toContain("opens a note");
  });

  it("drops capitalised bylines with credentials and date-time lines, keeps 'By Friday, …' prose", () => {
    const html = `<html><body><article><h1>Board approves posts</h1>
      <div class="author_fmt">By <a href="/a">Jane  Smith, MA</a><br>Health News</div>
      <p class="news_datum">08.04.2015 12:46</p><p>March 3, 2015 at 7:11 AM GMT</p>
      ${ps(0, 5)}<p>By Friday, the council had agreed to the plan.</p></article></body></html>`;
    const text = blocksToText(extractHtml(html).blocks);
    expect(text).not.toContain("Jane Smith");
    expect(text).not.toContain("12:46");
    expect(text).not.toContain("7:11");
    expect(text).toContain("By Friday, the council had agreed to the plan.");
    expect(f1(html, [...paras(0, 5), "By Friday, the council had agreed to the plan."]).f1).toBe(1);
  });
});
