/**
 * Resolution quality: `npx tsx eval/resolution/run.ts [--labels] [--json] [--verbose]`.
 * Resolves every labelled story in chronological order with an in-memory index, then reports
 * pairwise precision/recall against gold clusters, hard negatives merged and order independence.
 */
import { chronological, labelledSets, type LabelledSet } from "./datasets.js";
import { hardNegativesMerged, pairwise, resolveAll, shuffleCheck } from "./metrics.js";

const args = new Set(process.argv.slice(2));

export interface SetReport {
  name: string;
  mode: string;
  stories: number;
  clusters: number;
  unmatchedGold: number;
  precision: number;
  recall: number;
  goldPairs: number;
  predictedPairs: number;
  hardNegatives: number;
  hardNegativesMerged: string[];
  shuffles: { runs: number; sameGroups: number; minPrecision: number; minRecall: number; maxHardNegatives: number };
  falsePairs: string[];
  missedPairs: string[];
  matches: string[];
  /** Gold notes that say what a re-report is ("update of …" / "adds nothing new") vs our action. */
  actions: { agree: number; total: number; disagreements: string[] };
}

/** The action a gold note implies, if it says. */
function expectedAction(note: string | undefined): "update" | "duplicate" | null {
  if (!note) return null;
  if (/adds nothing new/i.test(note)) return "duplicate";
  if (/^update of/i.test(note)) return "update";
  return null;
}

export function evaluate(set: LabelledSet, shuffleRuns = 20): SetReport {
  const stories = chronological(set.stories);
  const run = resolveAll(stories);
  const p = pairwise(stories, run.assignment);
  const merged = hardNegativesMerged(stories, run.assignment, set.negatives);
  const byId = new Map(stories.map((s) => [s.id, s]));
  const label = (id: string) => `${id} (${byId.get(id)?.cluster})`;
  const matches = stories
    .filter((s) => run.decisions.get(s.id)!.action !== "new")
    .map((s) => {
      const d = run.decisions.get(s.id)!;
      return `${label(s.id)} → ${d.action} ${d.initiativeId} score ${d.score.toFixed(2)}: ${d.reasons.join("; ")}`;
    });
  const actions = { agree: 0, total: 0, disagreements: [] as string[] };
  for (const s of stories) {
    const want = expectedAction(s.note);
    if (!want) continue;
    const got = run.decisions.get(s.id)!;
    actions.total++;
    if (got.action === want) actions.agree++;
    else actions.disagreements.push(`${label(s.id)}: gold ${want} ("${s.note}"), got ${got.action}: ${got.action === "new" ? got.reasons[0] : got.reasons.at(-1)}`);
  }
  return {
    actions,
    name: set.name,
    mode: set.mode,
    stories: stories.length,
    clusters: new Set(stories.map((s) => s.cluster)).size,
    unmatchedGold: set.unmatchedGold,
    precision: p.precision,
    recall: p.recall,
    goldPairs: p.goldPairs,
    predictedPairs: p.predictedPairs,
    hardNegatives: set.negatives.length,
    hardNegativesMerged: merged.map(([a, b]) => `${a} + ${b}`),
    shuffles: shuffleCheck(stories, set.negatives, shuffleRuns),
    falsePairs: p.falsePairs.map(([a, b]) => `${label(a)} + ${label(b)}`),
    missedPairs: p.missedPairs.map(([a, b]) => `${label(a)} / ${label(b)}`),
    matches,
  };
}

function print(r: SetReport): void {
  const f = (x: number) => x.toFixed(3);
  console.log(`\n## ${r.name} (${r.mode}): ${r.stories} stories, ${r.clusters} gold clusters${r.unmatchedGold ? `, ${r.unmatchedGold} gold segments not found by the analyser` : ""}`);
  console.log(`pairwise precision ${f(r.precision)} recall ${f(r.recall)} (gold pairs ${r.goldPairs}, predicted ${r.predictedPairs})`);
  console.log(`hard negatives merged ${r.hardNegativesMerged.length}/${r.hardNegatives} ${r.hardNegativesMerged.join("; ")}`);
  const s = r.shuffles;
  console.log(`order independence: ${s.sameGroups}/${s.runs} shuffles give the same groups; min P ${f(s.minPrecision)} min R ${f(s.minRecall)} max hard negatives ${s.maxHardNegatives}`);
  if (r.actions.total > 0) console.log(`actions agreeing with gold notes: ${r.actions.agree}/${r.actions.total}`);
  for (const x of r.actions.disagreements) console.log(`  ACTION ${x}`);
  for (const x of r.falsePairs) console.log(`  FALSE MERGE ${x}`);
  for (const x of r.missedPairs) console.log(`  MISSED ${x}`);
  if (args.has("--verbose")) for (const m of r.matches) console.log(`  ${m}`);
}

/** Pairwise precision and recall over every pair of the given sets together (each set resolved on its own). */
export function pooled(reports: SetReport[]): { precision: number; recall: number; tp: number; goldPairs: number; predictedPairs: number } {
  let tp = 0, goldPairs = 0, predictedPairs = 0;
  for (const r of reports) {
    tp += Math.round(r.recall * r.goldPairs);
    goldPairs += r.goldPairs;
    predictedPairs += r.predictedPairs;
  }
  return { precision: predictedPairs ? tp / predictedPairs : 1, recall: goldPairs ? tp / goldPairs : 1, tp, goldPairs, predictedPairs };
}

async function main(): Promise<void> {
  const sets = await labelledSets(args.has("--labels") ? "labels" : "auto");
  const reports = sets.map((s) => evaluate(s));
  if (args.has("--json")) console.log(JSON.stringify(reports, null, 2));
  else {
    reports.forEach(print);
    const p = pooled(reports);
    console.log(`\n## pooled over all ${reports.length} sets: pairwise precision ${p.precision.toFixed(3)} recall ${p.recall.toFixed(3)} (${p.tp} of ${p.goldPairs} gold pairs, ${p.predictedPairs} predicted)`);
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  await main();
}
