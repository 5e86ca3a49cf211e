/**
 * Pairwise feature dump for tuning: `npx tsx eval/resolution/explain.ts <cluster-substring>...`
 * scores every labelled story of the matching clusters against an initiative made of each other one.
 */
import { initialState, scoreCandidate, signature, storyText } from "@radar/resolve";
import { labelledSets } from "./datasets.js";

const filters = process.argv.slice(2);
for (const set of await labelledSets(process.env.LABELS ? "labels" : "auto")) {
  const picked = set.stories.filter((s) => filters.some((f) => s.cluster.includes(f)));
  for (const a of picked) for (const b of picked) {
    if (a === b) continue;
    const cand = { id: b.id, version: 1, state: initialState(b.story), signature: signature(storyText(b.story)), firstSeen: b.story.publishedAt ?? "1970-01-01", lastSeen: b.story.publishedAt ?? "1970-01-01" };
    const s = scoreCandidate(a.story, signature(storyText(a.story)), cand);
    const f = Object.entries(s.features).map(([k, v]) => `${k}=${v.toFixed(2)}`).join(" ");
    console.log(`${a.cluster === b.cluster ? "SAME" : "DIFF"} ${s.score.toFixed(2)} ${a.id}(${a.cluster}) vs ${b.id}(${b.cluster}) ${f}`);
  }
}
