/** Timing of signature() on a 5 KB story and decide() against 20 candidates: `npx tsx eval/resolution/perf.ts`. */
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { decide, orgKey, signature, type Candidate, type Story } from "@radar/resolve";
import { chronological, labelledSets } from "./datasets.js";
import { MemoryStore } from "./memory-store.js";

function time(fn: (i: number) => void, runs: number): { meanMs: number; p95Ms: number } {
  for (let i = 0; i < 50; i++) fn(i);
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn(50 + i);
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  return { meanMs: xs.reduce((a, b) => a + b, 0) / runs, p95Ms: xs[Math.floor(runs * 0.95)]! };
}
const f = (x: { meanMs: number; p95Ms: number }) => `mean ${x.meanMs.toFixed(3)} ms, p95 ${x.p95Ms.toFixed(3)} ms`;

const seed = readFileSync(new URL("../../seeds/articles/000_08dd4c6cd6cf8a4e.txt", import.meta.url), "utf8");
const five = seed.slice(0, 5000);
console.log(`signature(5 KB): ${f(time(() => signature(five), 500))}`);

// 20 real initiatives (from resolving the labelled stories) as candidates for a real story.
const [set] = await labelledSets();
const stories = chronological(set!.stories);
const store = new MemoryStore();
for (const s of stories) store.resolve(s.story);
const probe = stories.find((s) => s.cluster === "wlt-digital-strategy-2025-2030")!.story;
const mixed = [...store.initiatives.values()].slice(0, 20);
// Worst case: every candidate shares the story's organisation, so every one is scored in full.
const key = orgKey(probe.item.orgs[0]!);
const sameOrg = mixed.map((c) => ({ ...c, state: { ...c.state, orgs: [key, ...c.state.orgs] } }));
const N = 500;
// Fresh objects per call, as a worker gets them from the database (JSON); facts seen before.
const fresh = (cs: Candidate[]) => Array.from({ length: N + 50 }, () => JSON.parse(JSON.stringify(cs)) as Candidate[]);
// First sight: every fact text new to the process (worst case, e.g. just after a restart).
const novel = (cs: Candidate[]) => fresh(cs).map((x, i) => x.map((c) => ({ ...c, state: { ...c.state, facts: c.state.facts.map((t) => `${t} r${i}`) } })));
for (const [name, cs] of [["mixed organisations", mixed], ["all same organisation", sameOrg]] as const) {
  const a = fresh(cs);
  const b = novel(cs);
  console.log(`decide(20 candidates, ${name}): warm ${f(time(() => decide(probe, cs), N))}`);
  console.log(`  fresh objects ${f(time((i) => decide(probe, a[i]!), N))}; first sight of every fact ${f(time((i) => decide(probe, b[i]!), N))}`);
}
// Member stories (single linkage): 20 candidates of 3 real stories each, all relabelled with the
// probe's organisation so every member is scored in full. Warm: member views memoised; first
// sight: every member text new to the process (each member signed and tokenised once).
const pool = stories.map((s) => s.story).filter((s) => s !== probe).slice(0, 60);
const asProbeOrg = (s: Story, tag: string): Story => ({ ...s, item: { ...s.item, orgs: probe.item.orgs, text: `${s.item.text}${tag}` } });
const grouped = (tag: string): Candidate[] =>
  Array.from({ length: 20 }, (_, i) => {
    const members = pool.slice(3 * i, 3 * i + 3).map((s) => asProbeOrg(s, tag));
    return { ...mixed[i % mixed.length]!, id: `m${i}`, members };
  });
const warm = grouped("");
const firstSight = Array.from({ length: N + 50 }, (_, i) => grouped(` r${i}`));
console.log(`decide(20 same-organisation candidates × 3 member stories): warm ${f(time(() => decide(probe, warm), N))}`);
const warmFresh = Array.from({ length: N + 50 }, () => JSON.parse(JSON.stringify(warm)) as Candidate[]);
console.log(`  fresh objects (members seen before, as from the database) ${f(time((i) => decide(probe, warmFresh[i]!), N))}`);
console.log(`  first sight of every member ${f(time((i) => decide(probe, firstSight[i]!), N))}`);
console.log(`facts per candidate ≤ ${Math.max(...mixed.map((c) => c.state.facts.length))}; load average ${loadavg().map((x) => x.toFixed(1)).join(" ")} on ${cpus().length} cores`);
