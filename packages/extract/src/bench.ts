import { extractArticle } from "./extract-article.js";

/**
 * Mean and 95th-percentile wall time of extractArticle over `runs` runs (after two warm-up
 * runs so JIT compilation is not billed to the first sample). Pure: only performance.now().
 */
export function benchExtract(html: string, runs: number): { meanMs: number; p95Ms: number } {
  for (let i = 0; i < 2; i++) extractArticle(html, { contentType: "text/html" });
  const times: number[] = [];
  for (let i = 0; i < Math.max(1, runs); i++) {
    const t0 = performance.now();
    extractArticle(html, { contentType: "text/html" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const meanMs = times.reduce((a, b) => a + b, 0) / times.length;
  const p95Ms = times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]!;
  return { meanMs, p95Ms };
}

const SENTENCES = [
  "The integrated care board said the programme would connect records across primary, community and acute care.",
  "Clinicians reported that the new system reduced duplicate data entry, freeing time for patient contact.",
  "A spokesperson for the trust said further phases would follow once the evaluation had been published.",
  "Funding of £2.4 million has been committed over three years, subject to a review of benefits.",
];

/**
 * A realistic page of about `bytes` characters: WordPress-like chrome (head metadata, nav,
 * sidebar, related posts, comments, footer) around an article of paragraphs, headings and lists.
 */
export function syntheticArticlePage(bytes = 30_000): string {
  const head = `<!DOCTYPE html><html><head><title>Synthetic article - Example News</title>
<meta property="og:title" content="Synthetic article"><meta property="article:published_time" content="2025-01-01T09:00:00Z">
<script>window.x={a:1}</script><style>body{margin:0}</style></head><body class="single">
<header class="site-header"><nav class="menu"><ul>${"<li><a href='/s'>Section</a></li>".repeat(12)}</ul></nav></header>
<div class="container"><main><article class="post"><h1 class="entry-title">Synthetic article</h1><div class="entry-meta">1 January 2025</div><div class="entry-content">`;
  const tail = `</div></article><div class="comments-area"><ol>${"<li class='comment'><p>A reader comment, with an opinion, about the story above.</p></li>".repeat(5)}</ol></div></main>
<aside class="sidebar">${"<section class='widget'><h2>Popular</h2><ul><li><a href='/p'>Another popular story headline here</a></li></ul></section>".repeat(6)}</aside></div>
<footer class="site-footer"><p>© 2025 Example News. All rights reserved.</p></footer></body></html>`;
  const parts: string[] = [];
  let size = head.length + tail.length;
  for (let i = 0; size < bytes; i++) {
    const chunk =
      i % 7 === 6
        ? `<h2>Section heading number ${i}</h2>`
        : i % 11 === 10
          ? `<ul><li>Item ${i}: ${SENTENCES[0]}</li><li>${SENTENCES[1]}</li></ul>`
          : `<p>Update ${i}: ${SENTENCES[i % 4]} ${SENTENCES[(i + 1) % 4]} <a href="/r${i}">Related detail</a> ${SENTENCES[(i + 2) % 4]}</p>`;
    parts.push(chunk);
    size += chunk.length;
  }
  return head + parts.join("\n") + tail;
}
