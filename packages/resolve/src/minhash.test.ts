import { describe, expect, it } from "vitest";
import { BANDS, PERMUTATIONS, bandKeys, estimateJaccard, mergeSignatures, minhash, shingles, signature } from "./minhash.js";
import { jaccard } from "./text.js";

const sig = (items: string[]) => {
  const m = minhash(items);
  return { minhash: m, bands: bandKeys(m) };
};
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `w${from + i}`);

const TEXT =
  "West London NHS Trust's latest digital strategy for 2025 – 2030 has been submitted for board approval, " +
  "centred around six pillars, to cover robust infrastructure, cyber, systems optimisation, data and insights.";

describe("minhash estimate", () => {
  it("estimates Jaccard within 0.1 for sets of known overlap", () => {
    const errors: number[] = [];
    for (const shared of [0, 50, 100, 200, 300, 400]) {
      const a = range(0, 400);
      const b = range(400 - shared, 800 - shared);
      const truth = jaccard(new Set(a), new Set(b));
      const est = estimateJaccard(sig(a), sig(b));
      expect(Math.abs(est - truth)).toBeLessThan(0.1);
      errors.push(Math.abs(est - truth));
    }
    expect(errors.reduce((x, y) => x + y, 0) / errors.length).toBeLessThan(0.05);
  });

  it("gives 1 for identical text and 0 for unrelated text", () => {
    expect(estimateJaccard(signature(TEXT), signature(TEXT))).toBe(1);
    expect(estimateJaccard(signature(TEXT), signature("Moorfields spin-out partners with Specsavers on eye scans"))).toBe(0);
  });

  it("ignores case, curly quotes and whitespace", () => {
    const variant = TEXT.toUpperCase().replace(/'/g, "\u2019").replace(/ /g, "  ");
    expect(estimateJaccard(signature(TEXT), signature(variant))).toBe(1);
  });

  it("merging is the MinHash of the union (element-wise min)", () => {
    const a = range(0, 100);
    const b = range(50, 200);
    const merged = mergeSignatures(sig(a), sig(b));
    expect(Array.from(merged.minhash)).toEqual(Array.from(sig([...a, ...b]).minhash));
    expect(merged.bands).toEqual(sig([...a, ...b]).bands);
  });
});

describe("band keys", () => {
  it("are 20 keys of band number plus 8 hex, stable across calls and JSON round trips", () => {
    const s = signature(TEXT);
    expect(s.minhash).toHaveLength(PERMUTATIONS);
    expect(s.bands).toHaveLength(BANDS);
    s.bands.forEach((k, i) => expect(k).toMatch(new RegExp(`^b${String(i).padStart(2, "0")}:[0-9a-f]{8}$`)));
    expect(signature(TEXT).bands).toEqual(s.bands);
    const roundTrip = JSON.parse(JSON.stringify({ minhash: Array.from(s.minhash), bands: s.bands })) as { minhash: number[]; bands: string[] };
    expect(bandKeys(roundTrip.minhash)).toEqual(s.bands);
    expect(estimateJaccard(roundTrip, s)).toBe(1);
  });

  it("do not change between releases (stored keys must keep matching)", () => {
    // Changing seeds, shingling or hashing breaks every stored signature: this guards against it.
    expect(signature(TEXT).bands.slice(0, 2)).toEqual(STABLE_BANDS);
  });

  it("are empty for text without words, so empty stories never collide", () => {
    expect(signature("").bands).toEqual([]);
    expect(signature("  — ").bands).toEqual([]);
  });

  it("a lightly edited copy shares a band; an unrelated story shares none", () => {
    const copy = TEXT.replace("six pillars", "six key pillars") + " A digital PMO will oversee each pillar.";
    const other = signature("Barts Health shares data driven approach to patient safety with M-BRACE dashboards across its hospitals.");
    const shared = (x: string[], y: string[]) => x.filter((k) => y.includes(k)).length;
    expect(shared(signature(TEXT).bands, signature(copy).bands)).toBeGreaterThan(0);
    expect(shared(signature(TEXT).bands, other.bands)).toBe(0);
  });

  it("short texts fall back to word shingles", () => {
    expect([...shingles("AI scanner")]).toEqual(["ai", "scanner"]);
  });
});

const STABLE_BANDS = ["b00:4ac474a1", "b01:410c40c2"];
