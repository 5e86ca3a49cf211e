import type { Decision } from "@radar/core";
import type { Thresholds } from "@radar/resolve";
import type { LabelledStory } from "./gold-stories.js";
import { MemoryStore } from "./memory-store.js";

export interface RunResult {
  /** story id → initiative id */
  assignment: Map<string, string>;
  decisions: Map<string, Decision>;
  maxCandidates: number;
}

export function resolveAll(stories: LabelledStory[], opts: Partial<Thresholds> = {}, withMembers = true): RunResult {
  const store = new MemoryStore(opts, withMembers);
  const assignment = new Map<string, string>();
  const decisions = new Map<string, Decision>();
  let maxCandidates = 0;
  for (const s of stories) {
    const r = store.resolve(s.story);
    assignment.set(s.id, r.initiativeId);
    decisions.set(s.id, r.decision);
    maxCandidates = Math.max(maxCandidates, r.candidates);
  }
  // Later stories may have bridged and merged earlier initiatives: read where each story ended.
  for (const s of stories) assignment.set(s.id, store.home.get(s.story)!);
  return { assignment, decisions, maxCandidates };
}

export interface PairScores { precision: number; recall: number; tp: number; predictedPairs: number; goldPairs: number; falsePairs: [string, string][]; missedPairs: [string, string][] }

export function pairwise(stories: LabelledStory[], assignment: Map<string, string>): PairScores {
  let tp = 0, predictedPairs = 0, goldPairs = 0;
  const falsePairs: [string, string][] = [];
  const missedPairs: [string, string][] = [];
  for (let i = 0; i < stories.length; i++) {
    for (let j = i + 1; j < stories.length; j++) {
      const a = stories[i]!, b = stories[j]!;
      const same = assignment.get(a.id) === assignment.get(b.id);
      const gold = a.cluster === b.cluster;
      if (same) predictedPairs++;
      if (gold) goldPairs++;
      if (same && gold) tp++;
      if (same && !gold) falsePairs.push([a.id, b.id]);
      if (!same && gold) missedPairs.push([a.id, b.id]);
    }
  }
  return { precision: predictedPairs ? tp / predictedPairs : 1, recall: goldPairs ? tp / goldPairs : 1, tp, predictedPairs, goldPairs, falsePairs, missedPairs };
}

/** Hard-negative cluster pairs with at least one mention of each in the same initiative. */
export function hardNegativesMerged(stories: LabelledStory[], assignment: Map<string, string>, negatives: [string, string, string?][]): [string, string][] {
  const merged: [string, string][] = [];
  for (const [x, y] of negatives) {
    const ix = new Set(stories.filter((s) => s.cluster === x).map((s) => assignment.get(s.id)));
    if (stories.some((s) => s.cluster === y && ix.has(assignment.get(s.id)))) merged.push([x, y]);
  }
  return merged;
}

/** Groups as a canonical string: sorted story ids per group, groups sorted. */
export function partitionKey(assignment: Map<string, string>): string {
  const groups = new Map<string, string[]>();
  for (const [story, init] of assignment) groups.set(init, [...(groups.get(init) ?? []), story]);
  return [...groups.values()].map((g) => g.sort().join(",")).sort().join(" | ");
}

/** Deterministic PRNG (mulberry32) so shuffles are reproducible. */
export function shuffled<T>(xs: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface ShuffleReport { runs: number; sameGroups: number; minPrecision: number; minRecall: number; maxHardNegatives: number }

export function shuffleCheck(stories: LabelledStory[], negatives: [string, string, string?][], runs = 20, opts: Partial<Thresholds> = {}): ShuffleReport {
  const base = partitionKey(resolveAll(stories, opts).assignment);
  const r: ShuffleReport = { runs, sameGroups: 0, minPrecision: 1, minRecall: 1, maxHardNegatives: 0 };
  for (let k = 1; k <= runs; k++) {
    const { assignment } = resolveAll(shuffled(stories, k * 7919), opts);
    if (partitionKey(assignment) === base) r.sameGroups++;
    const p = pairwise(stories, assignment);
    r.minPrecision = Math.min(r.minPrecision, p.precision);
    r.minRecall = Math.min(r.minRecall, p.recall);
    r.maxHardNegatives = Math.max(r.maxHardNegatives, hardNegativesMerged(stories, assignment, negatives).length);
  }
  return r;
}
