import { describe, expect, it } from "vitest";
import { firstSentence, sentences, tokenize, tokenKey } from "./text.js";

/** tokenize() and sentences() are hand-written for speed; these are the regex definitions they replace. */
const TOKEN_RE = /[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)*['’]?|&|[.;:!?()\[\]"“”]/g;
const ABBREV = new Set(["st", "dr", "mt", "no"]);

function referenceTokens(text: string) {
  const out: Array<{ raw: string; key: string; start: number; end: number; brk: boolean }> = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const raw = m[0].replace(/’/g, "'");
    const start = m.index;
    if (!/[A-Za-z0-9\u00C0-\u024F&]/.test(raw[0]!)) {
      const prev = out[out.length - 1];
      if ((raw === "." && prev && !prev.brk && ABBREV.has(prev.key)) || raw === '"') continue;
      out.push({ raw, key: raw, start, end: start + raw.length, brk: true });
    } else out.push({ raw, key: tokenKey(raw), start, end: start + raw.length, brk: false });
  }
  return out;
}

function referenceSentences(text: string): string[] {
  const parts = text
    .replace(/\s+/g, " ")
    .split(/(?<=[.!?][”"’)]?)\s+(?=[“"‘(]?[\p{Lu}\p{N}£])/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  const out: string[] = [];
  for (const p of parts) {
    const prev = out[out.length - 1];
    if (prev && /\b(?:St|Dr|Mr|Mrs|Ms|Prof|No|vs)\.$/.test(prev)) out[out.length - 1] = `${prev} ${p}`;
    else out.push(p);
  }
  return out;
}

function randomTexts(alphabet: string[], n: number, seed: number): string[] {
  let s = seed;
  const r = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, () => Array.from({ length: Math.floor(r() * 30) }, () => alphabet[Math.floor(r() * alphabet.length)]).join(""));
}

describe("tokenize", () => {
  it("matches the token regex, keys and break rules exactly", () => {
    const alphabet = ["a", "Z", "9", "'", "’", "&", ".", ";", ":", "!", "?", "(", ")", "[", "]", '"', "“", "”", " ", "é", "\u024F", "\u0250", "\u00C0", "-", "_", "s", "S", "St", "İ", "K", "Σ", "ǅ", "\n"];
    for (const t of [...randomTexts(alphabet, 5000, 1), "St. Thomas’ and Guy's NHS Foundation Trust (GSTT)", "King’S College"]) {
      const got = tokenize(t).map((x) => ({ raw: x.raw, key: x.key, start: x.start, end: x.end, brk: x.brk }));
      expect(got, JSON.stringify(t)).toEqual(referenceTokens(t));
    }
  });
});

describe("sentences", () => {
  it("splits exactly like the look-behind split it replaces", () => {
    const alphabet = ["a", "Z", "9", "'", "’", ".", "!", "?", "(", ")", '"', "“", "”", "‘", " ", "  ", "\n", "\u00a0", "É", "£", "St.", "Dr.", "vs.", "x", "𝐀"];
    for (const t of randomTexts(alphabet, 5000, 2)) {
      expect(sentences(t), JSON.stringify(t)).toEqual(referenceSentences(t));
      expect(firstSentence(t), JSON.stringify(t)).toBe(referenceSentences(t)[0] ?? "");
    }
  });
});
