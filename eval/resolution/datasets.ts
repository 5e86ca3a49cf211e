/**
 * The labelled datasets: seeds gold (shared/eval) and the fixtures gold (eval/fixtures) when
 * present. Stories come from the real analyser when @radar/classify exports createAnalyzer,
 * else from the gold labels (see gold-stories.ts).
 */
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AnalyzedItem } from "@radar/core";
import { FIXTURE_SETS } from "../fixture-sets.js";
import { foldForAnchor, loadDataset, storiesFromLabels, type Dataset, type LabelledStory } from "./gold-stories.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const GAZETTEER = join(ROOT, "seeds/nhs-organisations.csv");

export interface LabelledSet { name: string; mode: "analyzer" | "labels"; stories: LabelledStory[]; negatives: [string, string, string?][]; unmatchedGold: number }

export function datasets(): Dataset[] {
  const out: Dataset[] = [];
  const seeds = loadDataset("seeds", "/work/shared/eval/seeds-gold.json", join(ROOT, "seeds/articles"))
    ?? loadDataset("seeds", join(ROOT, "eval/seeds-gold.json"), join(ROOT, "seeds/articles"));
  if (seeds) out.push(seeds);
  for (const set of FIXTURE_SETS) {
    const ds = loadDataset(set.name, join(ROOT, set.dir, "gold.json"), join(ROOT, set.dir, "articles"));
    if (ds) out.push(ds);
  }
  return out;
}

type Analyze = (text: string) => { items: AnalyzedItem[]; title?: string };

/** The real analyser, or null while @radar/classify / @radar/extract do not export it yet. */
export async function loadAnalyzer(): Promise<Analyze | null> {
  try {
    const classify = (await import("@radar/classify")) as Record<string, unknown>;
    const extract = (await import("@radar/extract")) as Record<string, unknown>;
    const create = classify.createAnalyzer as ((seeds: unknown) => { analyze: (x: unknown) => unknown }) | undefined;
    const load = classify.loadSeedFiles as (() => unknown) | undefined;
    const extractText = extract.extractText as ((t: string) => unknown) | undefined;
    if (!create || !load || !extractText) return null;
    const analyzer = create(load());
    return (text) => analyzer.analyze(extractText(text)) as ReturnType<Analyze>;
  } catch {
    return null;
  }
}

/** Match analyser items to gold segments by the anchor being a prefix of heading or text. */
function storiesFromAnalyzer(ds: Dataset, analyze: Analyze): { stories: LabelledStory[]; unmatchedGold: number } {
  const stories: LabelledStory[] = [];
  let unmatchedGold = 0;
  for (const art of ds.gold.articles) {
    const result = analyze(readFileSync(join(ds.articlesDir, art.file), "utf8"));
    const used = new Set<number>();
    art.segments.forEach((seg, i) => {
      if (seg.kind !== "initiative" && seg.kind !== "teaser") return;
      const a = foldForAnchor(seg.anchor);
      const idx = result.items.findIndex((it, k) => !used.has(k) && (foldForAnchor(it.heading ?? "").startsWith(a) || foldForAnchor(it.text).startsWith(a)));
      if (idx < 0) { unmatchedGold++; return; }
      used.add(idx);
      const id = `${art.file}#${i}`;
      const story = { item: result.items[idx]!, articleTitle: result.title ?? art.title, publishedAt: art.publishedAt ?? null, source: art.file };
      stories.push({ id, cluster: seg.cluster ?? `singleton:${id}`, story, ...(seg.note ? { note: seg.note } : {}) });
    });
  }
  return { stories, unmatchedGold };
}

export async function labelledSets(mode: "auto" | "labels" = "auto"): Promise<LabelledSet[]> {
  const analyze = mode === "auto" ? await loadAnalyzer() : null;
  return datasets().map((ds) => {
    const negatives = ds.gold.hard_negatives ?? [];
    if (analyze) {
      const r = storiesFromAnalyzer(ds, analyze);
      return { name: ds.name, mode: "analyzer" as const, stories: r.stories, negatives, unmatchedGold: r.unmatchedGold };
    }
    return { name: ds.name, mode: "labels" as const, stories: storiesFromLabels(ds, GAZETTEER), negatives, unmatchedGold: 0 };
  });
}

/** Chronological order (publishedAt, then file, then segment): the order a backfill would use. */
export function chronological(stories: LabelledStory[]): LabelledStory[] {
  return [...stories].sort((a, b) =>
    (a.story.publishedAt ?? "").localeCompare(b.story.publishedAt ?? "") || a.id.localeCompare(b.id, "en", { numeric: true }),
  );
}
