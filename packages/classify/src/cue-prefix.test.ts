import { describe, expect, it } from "vitest";
import { cuePrefixes, topLevelAlternatives } from "./cue-prefix.js";
import { buildCueIndex, CUE_SLOTS } from "./cue-index.js";
import { fastRegex } from "./prefix-scan.js";
import { loadSeedFiles } from "./seeds-loader.js";
import { matchesOf } from "./text.js";

/**
 * The speed-ups only skip positions where a pattern cannot match, so they must never skip a real
 * match: checked here against plain regex scans on seeded random text built from the patterns'
 * own words plus case variants, punctuation and awkward characters.
 */

const taxonomy = JSON.parse(loadSeedFiles().taxonomyJson) as { themes: Array<{ cues: Array<[string, number, string?]> }> };
const ciCues = taxonomy.themes.map((t) => t.cues.filter((c) => c[2] !== "exact").map((c) => c[0].toLowerCase()));
const csCues = taxonomy.themes.map((t) => t.cues.filter((c) => c[2] === "exact").map((c) => c[0]));
const SYNTHETIC = ["a[^.]{0,5}b", "(?:x.y|xz)q", "£\\s?\\d+m?", "(?:ab)?cd", "p(?:[^ ]+|q) r", "e-?mail", "[A-Z][a-z]+ Ward"];

function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
}

function randomTexts(words: string[], n: number, seed: number): string[] {
  const r = rng(seed);
  const extra = [" ", " ", ". ", ", ", "-", "£5m", "£ 10", "(", ")", "’s", "K", "İ", "é", "\n", "The ", "AI", "x", "2025"];
  const pool = [...words, ...words.map((w) => w.toUpperCase()), ...words.map((w) => w.slice(0, 1).toUpperCase() + w.slice(1)), ...extra];
  const pick = () => pool[Math.floor(r() * pool.length)]! + (r() < 0.6 ? " " : "");
  return Array.from({ length: n }, () => Array.from({ length: 1 + Math.floor(r() * 30) }, pick).join(""));
}

/** Literal-looking words of a regex source, to build texts that exercise it. */
const wordsOf = (src: string) => src.replace(/\\[a-z]|\[[^\]]*\]|[()?:|*+{}\d,^$]/gi, " ").split(/\s+/).filter((w) => w.length > 1);

describe("cuePrefixes", () => {
  it("is sound: every match of a cue starts with one of its keys", () => {
    const sources = [...ciCues.flat(), ...csCues.flat(), ...SYNTHETIC];
    const texts = randomTexts(sources.flatMap(wordsOf).concat("xay", "aab", "xyzq", "£12m", "cd", "abcd", "p q r", "pxx r", "email", "e-mail", "North Ward"), 400, 7);
    let checked = 0;
    for (const src of sources) {
      for (const sameLength of [true, false]) {
        const keys = cuePrefixes(src, 24, 200, sameLength);
        if (!keys) continue;
        const re = new RegExp(src, "y");
        for (const t of texts) {
          for (let p = 0; p < t.length; p++) {
            re.lastIndex = p;
            if (!re.test(t)) continue;
            checked++;
            expect(keys.some((k) => t.startsWith(k, p)), `${src} at ${p} of ${JSON.stringify(t)}`).toBe(true);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("gives up (null) on patterns that can match nothing or start with any character", () => {
    expect(cuePrefixes("(?:abc)?")).toBeNull();
    expect(cuePrefixes(".+x")).toBeNull();
    expect(cuePrefixes("[^a]bc")).toBeNull();
    // One length per cue (the shortest whole match), unless asked for the untruncated set.
    expect(cuePrefixes("data (?:access|teams?)", 24)).toEqual(["data acce", "data team"]);
    expect(cuePrefixes("data (?:access|teams?)", 24, 200, false)).toEqual(["data access", "data team", "data teams"]);
  });

  it("splits only top-level alternatives", () => {
    expect(topLevelAlternatives("\\ba(?:b|c)|\\b[|]d|e\\|f")).toEqual(["\\ba(?:b|c)", "\\b[|]d", "e\\|f"]);
  });
});

describe("buildCueIndex", () => {
  it("lists every position where a cue matches, ascending", () => {
    const index = buildCueIndex(ciCues, csCues);
    const texts = randomTexts([...ciCues.flat(), ...csCues.flat()].flatMap(wordsOf), 300, 11);
    let found = 0;
    for (const text of texts) {
      const lower = text.toLowerCase();
      const hits = index.hits(text, lower);
      for (const [groups, hitLists, str] of [[ciCues, hits.ci, lower], [csCues, hits.cs, text]] as const) {
        groups.forEach((cues, g) => {
          const have = new Set(hitLists[g]);
          const positions = hitLists[g]!.map((v) => Math.floor(v / CUE_SLOTS));
          expect(positions).toEqual([...positions].sort((a, b) => a - b));
          cues.forEach((src, k) => {
            const re = new RegExp(`(?:\\b|(?=£))(?:${src})\\b`, "y");
            for (let p = 0; p <= str.length; p++) {
              re.lastIndex = p;
              if (!re.test(str)) continue;
              found++;
              expect(have.has(p * CUE_SLOTS + k), `${src} at ${p} of ${JSON.stringify(str)}`).toBe(true);
            }
          });
        });
      }
    }
    expect(found).toBeGreaterThan(200);
  });
});

describe("fastRegex", () => {
  const regexes = [
    /\b(?:((?:plans? (?:to|for)|planned)\b)|((?:business case|OBC)\b)|((?:awarded (?:a|the) [^.]{0,40}contract|signs? (?:a |the )?[^.]{0,30}contract)))/gi,
    /\b(?:customer stor(?:y|ies)|sponsored(?: content| by)?|in (?:association|partnership) with [A-Z][\w.]+ (?:Technology|Health))\b/gi,
    /\b(?:by|from|in|end of)[- ](?:(?:March|Sept?) )?(?:19|20)\d{2}\b/gi,
    /\bthe (trust|ICB|board|health board)\b/gi,
  ];
  it("finds exactly what matchAll finds", () => {
    for (const re of regexes) {
      const fast = fastRegex(re);
      const texts = randomTexts(wordsOf(re.source).concat("OBC", "obc", "2025", "in March 2026", "Sept 2024"), 300, 3);
      for (const t of texts) {
        const shape = (ms: RegExpExecArray[]) => ms.map((m) => [m.index, ...m]);
        expect(shape(fast.matches(t))).toEqual(shape(matchesOf(re, t)));
        expect(fast.test(t)).toBe(matchesOf(re, t).length > 0);
      }
    }
  });
});
