/**
 * Pairwise feature dump for tuning: `npx tsx eval/resolution/explain.ts <cluster-substring>...`
 * prints the symmetric story-to-story score decide uses (best of both directions; null when the
 * two share no index key) for every pair of labelled stories in the matching clusters.
 * `--margins` instead lists, over all stories, different-cluster pairs scoring ≥ 0.4 and
 * same-cluster pairs under the match threshold: how close the decision boundary is.
 */
import { DEFAULT_THRESHOLDS, pairScore } from "@radar/resolve";
import { labelledSets } from "./datasets.js";
import type { LabelledStory } from "./gold-stories.js";

const args = process.argv.slice(2);
const margins = args.includes("--margins");
const filters = args.filter((a) => !a.startsWith("--"));

function line(a: LabelledStory, b: LabelledStory): { text: string; score: number } {
  const s = pairScore(a.story, b.story);
  const f = s ? Object.entries(s.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ") : "no shared index key";
  const score = s?.score ?? 0;
  return { score, text: `${a.cluster === b.cluster ? "SAME" : "DIFF"} ${score.toFixed(2)} ${a.id}(${a.cluster}) vs ${b.id}(${b.cluster}) ${f}` };
}

for (const set of await labelledSets(process.env.LABELS ? "labels" : "auto")) {
  console.log(`## ${set.name}`);
  const picked = margins ? set.stories : set.stories.filter((s) => filters.some((f) => s.cluster.includes(f)));
  for (const [i, a] of picked.entries()) for (const b of picked.slice(i + 1)) {
    const { text, score } = line(a, b);
    const same = a.cluster === b.cluster;
    if (!margins || (same && score < DEFAULT_THRESHOLDS.match) || (!same && score >= 0.4)) console.log(text);
  }
}
