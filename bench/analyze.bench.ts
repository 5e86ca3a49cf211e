/**
 * analyze: extract + analyze per article on one core (Node runs it on one thread), extraction
 * alone, cheerio parse alone, and gazetteer load. Inputs: the seed HTML pages and a ~30 KB page.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { load as loadSlim } from "cheerio/slim";
import { createAnalyzer, loadGazetteer, loadSeedFiles } from "@radar/classify";
import { extractArticle, syntheticArticlePage } from "@radar/extract";
import { stats, timeSync, upTo, type Bench, type Row } from "./bench-lib.js";

const SEEDS_DIR = new URL("../seeds/articles/", import.meta.url).pathname;
const RUNS = 60;

function seedPages(): { name: string; html: string }[] {
  return readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith(".html"))
    .sort()
    .map((f) => ({ name: f, html: readFileSync(join(SEEDS_DIR, f), "utf8") }));
}

/** Samples of one call per page per round, so every page weighs the same in mean and p95. */
function perPage(pages: { html: string }[], fn: (html: string) => unknown, rounds: number): number[] {
  const out: number[] = [];
  for (const p of pages) out.push(...timeSync(() => fn(p.html), rounds, 3));
  return out;
}

function gazetteerRows(csv: string): Row[] {
  // The first call in this process pays for JIT compilation, like a worker start does.
  const t0 = performance.now();
  loadGazetteer(csv);
  const cold = performance.now() - t0;
  const warm = stats(timeSync(() => loadGazetteer(csv), 20, 1));
  return [
    { bench: "analyze", measure: "gazetteer load, first call", value: cold, unit: "ms", target: "≤ 200 ms", pass: upTo(200)(cold) },
    { bench: "analyze", measure: "gazetteer load, warm mean", value: warm.mean, unit: "ms", target: "≤ 200 ms", pass: upTo(200)(warm.mean) },
  ];
}

export const analyzeBench: Bench = {
  name: "analyze",
  describe: "extract+analyze ms per article, extraction alone, cheerio parse alone, gazetteer load",
  async run(log) {
    const seeds = loadSeedFiles();
    const rows = gazetteerRows(seeds.gazetteerCsv);
    const t0 = performance.now();
    const analyzer = createAnalyzer(seeds);
    rows.push({ bench: "analyze", measure: "createAnalyzer (gazetteer+taxonomy+suppliers)", value: performance.now() - t0, unit: "ms" });

    const pages = seedPages();
    const synthetic = syntheticArticlePage(30_000);
    const largest = pages.reduce((a, b) => (b.html.length > a.html.length ? b : a));
    const full = (html: string) => analyzer.analyze(extractArticle(html, { contentType: "text/html" }));
    const sets: [string, { html: string }[]][] = [
      [`${pages.length} seed pages (${Math.round(Math.min(...pages.map((p) => p.html.length)) / 1000)}–${Math.round(largest.html.length / 1000)} KB)`, pages],
      [`largest seed page (${Math.round(largest.html.length / 1000)} KB, real text)`, [largest]],
      [`synthetic ${Math.round(synthetic.length / 1000)} KB page`, [{ html: synthetic }]],
    ];
    for (const [label, set] of sets) {
      const rounds = Math.ceil(RUNS / set.length);
      log(`analyze: ${label}`);
      const all = stats(perPage(set, full, rounds));
      const ex = stats(perPage(set, (h) => extractArticle(h, { contentType: "text/html" }), rounds));
      const parse = stats(perPage(set, (h) => loadSlim(h), rounds));
      const is30k = set.length === 1;
      const target = is30k ? "≤ 10 ms" : undefined;
      rows.push(
        { bench: "analyze", measure: `extract+analyze mean, ${label}`, value: all.mean, unit: "ms", target, pass: is30k ? upTo(10)(all.mean) : undefined },
        { bench: "analyze", measure: `extract+analyze p95, ${label}`, value: all.p95, unit: "ms", target, pass: is30k ? upTo(10)(all.p95) : undefined },
        { bench: "analyze", measure: `extract alone mean / p95, ${label}`, value: ex.mean, unit: "ms", note: `p95 ${ex.p95.toFixed(2)} ms` },
        { bench: "analyze", measure: `cheerio/slim parse mean / p95, ${label}`, value: parse.mean, unit: "ms", note: `p95 ${parse.p95.toFixed(2)} ms` },
      );
    }
    return rows;
  },
};
