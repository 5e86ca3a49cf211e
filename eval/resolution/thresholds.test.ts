/**
 * Guards what resolution honestly reaches on the labelled datasets (see EVALUATION.md
 * "## Resolution"). Precision, recall, hard negatives and order independence (the same groups in
 * every shuffle) are held at the targets, so a regression fails here before it reaches a digest.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { chronological, labelledSets, type LabelledSet } from "./datasets.js";
import { resolveAll } from "./metrics.js";
import { evaluate, pooled, type SetReport } from "./run.js";

/** Floors per dataset: the targets where reached, else just under the measured value. */
const FLOORS: Record<string, { precision: number; recall: number; shuffleRecall: number; knownMerges?: number }> = {
  seeds: { precision: 0.95, recall: 0.95, shuffleRecall: 0.95 },
  fixtures: { precision: 0.95, recall: 0.9, shuffleRecall: 0.9 },
  // Held out until 2026-11-21 (recall 0.667 when first measured), tuned on since.
  "fixtures-2": { precision: 0.95, recall: 0.9, shuffleRecall: 0.9 },
  // Held out until 2026-11-21: 0.724 when first measured, tuned on since (1.000).
  "fixtures-3": { precision: 0.95, recall: 0.95, shuffleRecall: 0.95 },
  // Held out until 2026-11-21: 0.571 when first measured, tuned on since (0.800).
  "fixtures-4": { precision: 0.95, recall: 0.75, shuffleRecall: 0.75 },
  // Held out until 2026-11-21: 0.725 when first measured, tuned on since (0.975).
  "fixtures-5": { precision: 0.95, recall: 0.925, shuffleRecall: 0.925 },
  // Held out until the evening of 2026-11-21: precision 0.929, recall 0.839 when first measured,
  // tuned on since (1.000 / 0.914).
  "fixtures-6": { precision: 0.95, recall: 0.9, shuffleRecall: 0.9 },
  // Held out until the night of 2026-11-21: precision 1.000, recall 0.833 when first measured,
  // tuned on since (1.000 / 0.944).
  "fixtures-7": { precision: 0.95, recall: 0.9, shuffleRecall: 0.9 },
  // Held out until the night of 2026-11-21: precision 0.842 (one false merge: a passing mention of
  // a trust's other initiative matched its title), recall 0.914 when first measured; tuned on
  // since (1.000 / 0.914).
  "fixtures-8": { precision: 0.95, recall: 0.9, shuffleRecall: 0.9 },
  // Held out until the night of 2026-11-21: precision 0.852, recall 0.676 when first measured (two
  // national funds sharing a per-trust cap merged; a trust's AI chest X-ray pilot and its patient
  // portal merged through a roundup paragraph). Both fixed since (1.000 / 0.886).
  "fixtures-9": { precision: 0.95, recall: 0.85, shuffleRecall: 0.85 },
  // Written blind during round 8 and measured once after its last change: precision 1.000, recall
  // 0.889, no hard negative merged (the code from before round 8 measured the same).
  "held-out": { precision: 0.95, recall: 0.85, shuffleRecall: 0.85 },
};

let sets: LabelledSet[] = [];
const reports = new Map<string, SetReport>();

beforeAll(async () => {
  sets = await labelledSets();
  for (const s of sets) reports.set(s.name, evaluate(s, 20));
}, 120_000);

describe("resolution quality on labelled stories", () => {
  it("has the seeds dataset", () => {
    expect(reports.has("seeds")).toBe(true);
  });

  for (const name of Object.keys(FLOORS)) {
    it(`${name}: precision, recall and hard negatives hold`, (ctx) => {
      const r = reports.get(name);
      if (!r) return ctx.skip();
      const f = FLOORS[name]!;
      expect(r.precision).toBeGreaterThanOrEqual(f.precision);
      expect(r.recall).toBeGreaterThanOrEqual(f.recall);
      expect(r.hardNegativesMerged.length).toBeLessThanOrEqual(f.knownMerges ?? 0);
    });

    it(`${name}: 20 shuffled orders never merge a hard negative nor lose precision`, (ctx) => {
      const r = reports.get(name);
      if (!r) return ctx.skip();
      expect(r.shuffles.runs).toBe(20);
      expect(r.shuffles.maxHardNegatives).toBeLessThanOrEqual(FLOORS[name]!.knownMerges ?? 0);
      expect(r.shuffles.minPrecision).toBeGreaterThanOrEqual(FLOORS[name]!.precision);
      expect(r.shuffles.minRecall).toBeGreaterThanOrEqual(FLOORS[name]!.shuffleRecall);
    });

    it(`${name}: order does not matter: 20 shuffled orders give the chronological run's groups`, (ctx) => {
      const r = reports.get(name);
      if (!r) return ctx.skip();
      expect(r.shuffles.sameGroups).toBe(r.shuffles.runs);
    });
  }

  it("all sets pooled: precision and recall at the targets (1.000 and 0.933 measured)", () => {
    const p = pooled([...reports.values()]);
    expect(p.goldPairs).toBeGreaterThan(200);
    expect(p.precision).toBeGreaterThanOrEqual(0.95);
    expect(p.recall).toBeGreaterThanOrEqual(0.9);
  });

  it("fixtures: new/update/duplicate agree with the gold notes on re-reports", (ctx) => {
    const r = reports.get("fixtures");
    if (!r || r.actions.total === 0) return ctx.skip();
    expect(r.actions.agree / r.actions.total).toBeGreaterThanOrEqual(0.75);
  });

  it("seeds: the known re-reports resolve as the gold says", () => {
    const set = sets.find((s) => s.name === "seeds")!;
    const stories = chronological(set.stories);
    const run = resolveAll(stories);
    const decisionOf = (cluster: string) => {
      const later = stories.filter((s) => s.cluster === cluster).at(-1)!;
      return run.decisions.get(later.id)!;
    };
    expect(decisionOf("las-ai-pilots").action).toBe("duplicate");
    expect(decisionOf("elft-data-patient-flow").action).toBe("duplicate");
    const wlt = decisionOf("wlt-digital-strategy-2025-2030");
    // 004 re-reports 000's strategy as submitted for board approval: an update with a status move.
    // (This leans on the analyser's status: a 000 read as "live" would make the move stale.)
    expect(wlt.action).toBe("update");
    expect(wlt.diff.status?.to).toBe("submitted-for-approval");
    // The LAS digital and data programme (000, 002's paraphrase, 003) is one initiative, apart
    // from the LAS AI pilots (a hard negative: same trust, same article 000).
    const home = (cluster: string) => new Set(stories.filter((s) => s.cluster === cluster).map((s) => run.assignment.get(s.id)));
    const programme = home("las-digital-data-programme");
    expect(programme.size).toBe(1);
    expect([...home("las-ai-pilots")].some((id) => programme.has(id))).toBe(false);
  });
});
