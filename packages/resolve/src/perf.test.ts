import { describe, expect, it } from "vitest";
import { decide } from "./decide.js";
import { signature } from "./minhash.js";
import { candidateFrom, org, story } from "./testing.js";

// Bounds are loose (the CI box is shared); eval/resolution/perf.ts reports the real figures.
const WORDS = "trust board digital strategy ambient voice pilot procurement electronic patient record cloud cyber data platform dashboards wards".split(" ");
function text(bytes: number, seed: number): string {
  const out: string[] = [];
  let s = seed;
  while (out.join(" ").length < bytes) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out.push(`${WORDS[s % WORDS.length]}${s % 7 === 0 ? "." : ""}`, `w${s % 997}`);
  }
  return out.join(" ");
}

function avgMs(fn: () => void, runs: number): number {
  for (let i = 0; i < 20; i++) fn();
  const t = performance.now();
  for (let i = 0; i < runs; i++) fn();
  return (performance.now() - t) / runs;
}

describe("performance", () => {
  it("signs a 5 KB story in well under a few ms", () => {
    const t = text(5000, 1);
    expect(avgMs(() => signature(t), 200)).toBeLessThan(3);
  });

  it("decides against 20 candidates in well under a few ms", () => {
    const cands = Array.from({ length: 20 }, (_, i) =>
      candidateFrom(`c${i}`, story({ text: text(1500, i + 2), orgs: [org("Trust", `R${i % 3}`)], money: [["£1 million", 1_000_000 + i]] })),
    );
    const s = story({ text: text(1500, 99), orgs: [org("Trust", "R1")] });
    expect(avgMs(() => decide(s, cands), 100)).toBeLessThan(5);
  });

  it("decides against 20 same-organisation candidates of 3 member stories each in a few ms", () => {
    const cands = Array.from({ length: 20 }, (_, i) => {
      const members = [0, 1, 2].map((j) => story({ text: text(1500, 3 * i + j + 2), orgs: [org("Trust", "R1")], publishedAt: `2025-0${1 + j}-01T00:00:00Z` }));
      return { ...candidateFrom(`c${i}`, members[0]!), members };
    });
    const s = story({ text: text(1500, 99), orgs: [org("Trust", "R1")] });
    expect(avgMs(() => decide(s, cands), 50)).toBeLessThan(15);
  });
});
