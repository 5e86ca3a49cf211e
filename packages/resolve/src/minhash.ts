import { permanent } from "@radar/core";
import { shingleTokens } from "./text.js";
import type { Signature } from "./types.js";

/** 100 hash functions, 20 LSH bands of 5 rows: pairs with Jaccard ≥ ~0.45 share a band with p > 0.9. */
export const PERMUTATIONS = 100;
export const BANDS = 20;
export const ROWS = PERMUTATIONS / BANDS;
export const SHINGLE = 3;
/** Slot value of an empty signature (no shingle hashed there). */
export const EMPTY = 0xffffffff;

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3 finaliser: a bijection on 32 bits with full avalanche. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// Fixed seeds: changing them invalidates every stored signature and band key.
const SEEDS = Uint32Array.from({ length: PERMUTATIONS }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/** Word 3-shingles of the stopword-free stemmed tokens; shorter texts fall back to their words. */
export function shingles(text: string): Set<string> {
  const t = shingleTokens(text);
  if (t.length < SHINGLE) return new Set(t);
  const out = new Set<string>();
  for (let i = 0; i + SHINGLE <= t.length; i++) out.add(`${t[i]} ${t[i + 1]} ${t[i + 2]}`);
  return out;
}

/** Shingle hashes straight from token hashes (no shingle strings: this is the hot path). */
function shingleHashes(text: string): Set<number> {
  const t = shingleTokens(text).map(fnv1a);
  if (t.length < SHINGLE) return new Set(t);
  const out = new Set<number>();
  for (let i = 0; i + SHINGLE <= t.length; i++) {
    out.add(fmix32(Math.imul(t[i]!, 0x9e3779b1) ^ Math.imul(t[i + 1]!, 0x85ebca6b) ^ t[i + 2]!));
  }
  return out;
}

/** MinHash of a set of already-hashed elements. */
export function minhashOfHashes(hashes: Iterable<number>): Uint32Array {
  const sig = new Uint32Array(PERMUTATIONS).fill(EMPTY);
  for (const h of hashes) {
    for (let i = 0; i < PERMUTATIONS; i++) {
      const v = fmix32(h ^ SEEDS[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** MinHash of a set of strings (tests and ad-hoc sets; signature() hashes shingles directly). */
export function minhash(items: Iterable<string>): Uint32Array {
  const hs: number[] = [];
  for (const s of items) hs.push(fnv1a(s));
  return minhashOfHashes(hs);
}

function isEmpty(sig: ArrayLike<number>): boolean {
  for (let i = 0; i < sig.length; i++) if (sig[i] !== EMPTY) return false;
  return true;
}

/** Band keys "b07:3fa2c81d": band number, then an 8-hex hash of its 5 rows. Empty text → none. */
export function bandKeys(sig: ArrayLike<number>): string[] {
  if (sig.length !== PERMUTATIONS || isEmpty(sig)) return [];
  const keys: string[] = [];
  for (let b = 0; b < BANDS; b++) {
    const rows: number[] = [];
    for (let r = 0; r < ROWS; r++) rows.push(sig[b * ROWS + r]!);
    keys.push(`b${String(b).padStart(2, "0")}:${fnv1a(rows.join(",")).toString(16).padStart(8, "0")}`);
  }
  return keys;
}

export function signature(text: string): Signature {
  const sig = minhashOfHashes(shingleHashes(text));
  return { minhash: sig, bands: bandKeys(sig) };
}

/** Share of slots where both signatures hold the same (non-empty) minimum: estimates Jaccard. */
export function estimateJaccard(a: Signature, b: Signature): number {
  const x = a.minhash;
  const y = b.minhash;
  if (x.length !== y.length || x.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i] && x[i] !== EMPTY) same++;
  return same / x.length;
}

/** Element-wise minimum is exactly the MinHash of the union of both shingle sets. */
export function mergeSignatures(a: Signature, b: Signature): Signature {
  if (a.minhash.length !== b.minhash.length) throw permanent("resolve.signature-length", "cannot merge signatures of different lengths");
  const out = new Uint32Array(a.minhash.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.min(a.minhash[i]!, b.minhash[i]!) >>> 0;
  return { minhash: out, bands: bandKeys(out) };
}
