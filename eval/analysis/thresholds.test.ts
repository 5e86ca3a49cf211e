import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createAnalyzer, loadSeedFiles } from "@radar/classify";
import { evaluate } from "./evaluate.js";
import { datasets } from "./run.js";

const analyzer = createAnalyzer(loadSeedFiles());
const sets = datasets().filter((d) => existsSync(d.gold));

describe("analysis quality thresholds", () => {
  const seeds = sets.find((d) => d.name === "seeds");
  it.runIf(seeds)("meets the brief's thresholds on the seeds gold", () => {
    const m = evaluate(analyzer, seeds!.gold, seeds!.articles);
    expect(m.matchedShare).toBeGreaterThanOrEqual(0.95);
    expect(m.extraShare).toBeLessThanOrEqual(0.05);
    expect(m.sponsoredCaught).toBe(m.sponsoredGold);
    expect(m.primaryOrg).toBeGreaterThanOrEqual(0.95);
    expect(m.region).toBeGreaterThanOrEqual(0.98);
    expect(m.icb).toBeGreaterThanOrEqual(0.9);
    expect(m.themeF1).toBeGreaterThanOrEqual(0.85);
  });

  const fixtures = sets.find((d) => d.name === "fixtures");
  // Themes are the weak spot on the fixtures (F1 ≈ 0.85): the floor is 0.80, not the seeds 0.85.
  it.runIf(fixtures)("meets the fixture thresholds", () => {
    const m = evaluate(analyzer, fixtures!.gold, fixtures!.articles);
    expect(m.matchedShare).toBeGreaterThanOrEqual(0.95);
    expect(m.extraShare).toBeLessThanOrEqual(0.05);
    expect(m.sponsoredCaught).toBe(m.sponsoredGold);
    expect(m.primaryOrg).toBeGreaterThanOrEqual(0.95);
    expect(m.region).toBeGreaterThanOrEqual(0.98);
    expect(m.icb).toBeGreaterThanOrEqual(0.9);
    expect(m.themeF1).toBeGreaterThanOrEqual(0.8);
  });
});
