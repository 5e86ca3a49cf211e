import { RadarError } from "@radar/core";
import { describe, expect, it } from "vitest";
import { extractArticleReport, extractHtml, MAX_BODY_CHARS } from "./index.js";

const LIMIT_MS = 200;

/** Deterministic pseudo-random bytes (xorshift) so failures reproduce. */
function junkBytes(n: number, seed = 0x2545f491): string {
  let x = seed;
  let out = "";
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += String.fromCharCode((x >>> 0) & 0xff);
  }
  return out;
}

/** Runs `fn`, asserts it finished within LIMIT_MS, returns the result or the thrown error. */
function timed<T>(fn: () => T): T | RadarError {
  const t0 = performance.now();
  let out: T | RadarError;
  try {
    out = fn();
  } catch (err) {
    if (!(err instanceof RadarError)) throw err;
    out = err;
  }
  expect(performance.now() - t0).toBeLessThan(LIMIT_MS);
  return out;
}

function expectNoArticle(out: unknown): void {
  expect(out).toBeInstanceOf(RadarError);
  expect((out as RadarError).code).toBe("no-article");
  expect((out as RadarError).retryable).toBe(false);
  expect((out as RadarError).message).toMatch(/no article found/);
}

describe("hostile input: fast, bounded, and a clear outcome", () => {
  it("warms up the parser so the timings below measure steady state", () => {
    const out = extractHtml("<html><body><p>Warm-up paragraph with enough words, commas, and text to count.</p></body></html>");
    expect(out.blocks).toHaveLength(1);
  });

  it("empty input and an empty page → no-article", () => {
    expectNoArticle(timed(() => extractArticleReport("")));
    expectNoArticle(timed(() => extractArticleReport("<html><body></body></html>")));
  });

  it("a page of navigation and footer only → no-article", () => {
    const html = `<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/n">News</a></li></ul></nav>
      <div class="menu"><a href="/a">About</a> <a href="/c">Contact us</a></div>
      <ul><li><a href="/p">Privacy policy and terms of use</a></li><li><a href="/s">Accessibility statement</a></li></ul>
      <footer>© 2025 Example Ltd. All rights reserved.</footer></body></html>`;
    expectNoArticle(timed(() => extractArticleReport(html)));
  });

  it("5 MB of one paragraph → the first MAX_BODY_CHARS, flagged truncated", () => {
    const html = `<html><body><article><p>${"The trust said the programme would continue. ".repeat(115_000)}</p></article></body></html>`;
    expect(html.length).toBeGreaterThan(5_000_000);
    const out = timed(() => extractArticleReport(html));
    if (out instanceof RadarError) throw out;
    const chars = out.article.blocks.reduce((n, b) => n + b.text.length, 0);
    expect(out.truncated).toBe(true);
    expect(chars).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(chars).toBeGreaterThan(MAX_BODY_CHARS * 0.9);
    expect(out.article.blocks[0]?.text.startsWith("The trust said")).toBe(true);
  });

  it("10,000 nested elements (closed and unclosed) → the deep text, no stack overflow", () => {
    const text = "Deep text that is long enough to count as a paragraph, with commas, and more.";
    const closed = `<html><body>${"<div>".repeat(10_000)}<p>${text}</p>${"</div>".repeat(10_000)}</body></html>`;
    const unclosed = `<html><head><title>Deep page</title></head><body>${"<div><span><b>".repeat(10_000)}${text}`;
    for (const html of [closed, unclosed]) {
      const out = timed(() => extractArticleReport(html));
      if (out instanceof RadarError) throw out;
      expect(out.article.blocks.map((b) => b.text)).toEqual([text]);
    }
  });

  it("random bytes and NUL-filled input → no-article", () => {
    expectNoArticle(timed(() => extractArticleReport(junkBytes(200_000))));
    expectNoArticle(timed(() => extractArticleReport(`<html><body><p>${"\u0000".repeat(50_000)}</p></body></html>`)));
    expectNoArticle(timed(() => extractHtml(junkBytes(50_000, 7))));
  });

  it("a page that is all <script> → no-article", () => {
    const js = "var a = '<p>hello, world, this is text that looks like a paragraph</p>';".repeat(3000);
    const html = `<html><head><script>${js}</script></head><body><script>${js}</script><noscript>Enable JS</noscript></body></html>`;
    expectNoArticle(timed(() => extractArticleReport(html)));
  });
});
