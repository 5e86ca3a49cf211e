import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AnalyzedArticleSchema, type AnalyzedItem } from "@radar/core";
import { extractArticle, extractText } from "@radar/extract";
import type { Analyzer } from "@radar/classify";

/**
 * Story-level evaluation against hand labels. Matching rule (from the gold's "about"): a gold
 * segment matches a predicted item when its anchor is a prefix of the item's heading or text,
 * case- and whitespace-insensitive, curly quotes folded; one-to-one, in reading order.
 */

export interface GoldSegment {
  anchor: string;
  kind: string;
  orgs: string[];
  region: string;
  icb: string[];
  themes: string[];
  status?: string | null;
}
export interface GoldArticle {
  file: string;
  title?: string;
  segments: GoldSegment[];
}

export interface Metrics {
  articles: number;
  gold: number;
  predicted: number;
  matched: number;
  matchedShare: number;
  extraShare: number;
  sponsoredGold: number;
  sponsoredCaught: number;
  kindAccuracy: number;
  primaryOrg: number;
  region: number;
  icbWithGold: number;
  icb: number;
  themeP: number;
  themeR: number;
  themeF1: number;
  /** Share of matched segments with a gold status whose status is right (fixtures label it). */
  statusWithGold: number;
  status: number;
  msPerArticle: number;
  misses: string[];
}

const norm = (s: string) => s.replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ").trim().toLowerCase();
const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

function matchPairs(gold: GoldSegment[], items: AnalyzedItem[]): Array<[GoldSegment, AnalyzedItem | null]> {
  const used = new Set<number>();
  return gold.map((g) => {
    const a = norm(g.anchor);
    const idx = items.findIndex((it, i) => !used.has(i) && (norm(it.heading ?? "").startsWith(a) || norm(it.text).startsWith(a)));
    if (idx < 0) return [g, null];
    used.add(idx);
    return [g, items[idx]!];
  });
}

/** html: read the article's .html sibling (fetched-page shape) through extractArticle instead of the .txt. */
export function evaluate(analyzer: Analyzer, goldPath: string, articlesDir: string, html = false): Metrics {
  const gold = JSON.parse(readFileSync(goldPath, "utf8")) as { articles: GoldArticle[] };
  const m = { gold: 0, predicted: 0, matched: 0, spG: 0, spC: 0, kindOk: 0, org: 0, region: 0, icbN: 0, icb: 0, tp: 0, fp: 0, fn: 0, ms: 0, n: 0, stN: 0, st: 0 };
  const misses: string[] = [];
  for (const art of gold.articles) {
    const txtPath = join(articlesDir, art.file);
    const htmlPath = txtPath.replace(/\.txt$/, ".html");
    const path = html ? htmlPath : txtPath;
    if (!existsSync(path)) continue;
    const extracted = html ? extractArticle(readFileSync(path, "utf8")) : extractText(readFileSync(path, "utf8"));
    if (!extracted.title && art.title) extracted.title = art.title;
    const t0 = performance.now();
    const out = analyzer.analyze(extracted);
    m.ms += performance.now() - t0;
    AnalyzedArticleSchema.parse(out); // the output contract holds on every evaluated article
    m.n++;
    m.gold += art.segments.length;
    m.predicted += out.items.length;
    const pairs = matchPairs(art.segments, out.items);
    const usedItems = new Set(pairs.map(([, it]) => it));
    for (const it of out.items) if (!usedItems.has(it)) misses.push(`${art.file}: extra ${it.kind} "${(it.heading ?? it.text).slice(0, 60)}"`);
    for (const [g, it] of pairs) {
      if (g.kind === "sponsored") m.spG++;
      if (!it) {
        misses.push(`${art.file}: unmatched "${g.anchor.slice(0, 60)}"`);
        continue;
      }
      m.matched++;
      if (g.kind === "sponsored" && it.kind === "sponsored") m.spC++;
      if (g.kind === it.kind) m.kindOk++;
      else misses.push(`${art.file}: kind ${it.kind} != ${g.kind} "${g.anchor.slice(0, 40)}"`);
      const po = it.orgs[0]?.name ?? null;
      if (norm(po ?? "") === norm(g.orgs[0] ?? "")) m.org++;
      else misses.push(`${art.file}: org ${po} != ${g.orgs[0] ?? null} "${g.anchor.slice(0, 40)}"`);
      if (it.region === g.region) m.region++;
      else misses.push(`${art.file}: region ${it.region} != ${g.region} "${g.anchor.slice(0, 40)}"`);
      if (g.icb.length > 0) {
        m.icbN++;
        if (it.icb && g.icb.map(norm).includes(norm(it.icb))) m.icb++;
        else misses.push(`${art.file}: icb ${it.icb} not in [${g.icb.join(", ")}] "${g.anchor.slice(0, 40)}"`);
      }
      if (g.status !== undefined && g.status !== null) {
        m.stN++;
        if (it.status === g.status) m.st++;
        else misses.push(`${art.file}: status ${it.status} != ${g.status} "${g.anchor.slice(0, 40)}"`);
      }
      const pt = new Set(it.themes.map((t) => t.id as string));
      const gt = new Set(g.themes);
      for (const t of pt) gt.has(t) ? m.tp++ : m.fp++;
      for (const t of gt) if (!pt.has(t)) m.fn++;
      const fp = [...pt].filter((t) => !gt.has(t));
      const fn = [...gt].filter((t) => !pt.has(t));
      if (fp.length || fn.length) misses.push(`${art.file}: themes +[${fp}] -[${fn}] "${g.anchor.slice(0, 40)}"`);
    }
  }
  const p = ratio(m.tp, m.tp + m.fp);
  const r = ratio(m.tp, m.tp + m.fn);
  return {
    articles: m.n, gold: m.gold, predicted: m.predicted, matched: m.matched,
    matchedShare: ratio(m.matched, m.gold), extraShare: m.predicted === 0 ? 0 : (m.predicted - m.matched) / m.predicted,
    sponsoredGold: m.spG, sponsoredCaught: m.spC, kindAccuracy: ratio(m.kindOk, m.matched),
    primaryOrg: ratio(m.org, m.matched), region: ratio(m.region, m.matched), icbWithGold: m.icbN, icb: ratio(m.icb, m.icbN),
    themeP: p, themeR: r, themeF1: p + r === 0 ? 0 : (2 * p * r) / (p + r), statusWithGold: m.stN, status: ratio(m.st, m.stN), msPerArticle: m.n ? m.ms / m.n : 0, misses,
  };
}
