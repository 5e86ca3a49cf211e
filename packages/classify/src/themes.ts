import { permanent, ThemeIdSchema, type ThemeId, type ThemeLabel } from "@radar/core";
import { sentencesOfCollapsed } from "./text.js";
import { buildCueIndex, CUE_SLOTS, type CueIndex } from "./cue-index.js";

/**
 * Multi-label themes from weighted cue regexes (seeds/taxonomy.json). A theme needs enough
 * evidence in absolute terms and relative to story length, so a passing mention is not a theme.
 */

interface Params {
  headingBoost: number;
  minEvidence: number;
  minPerKchars: number;
  scale: number;
  maxHitsPerCue: number;
  /** Evidence that earns a story its strongest theme when no theme passes the bars above (optional). */
  fallbackEvidence?: number;
}
interface Cue {
  theme: number;
  weight: number;
}
/** The cues of one theme and case mode, each as a sticky regex tried where the cue index says it may start. */
interface Combined {
  res: RegExp[];
  cues: Cue[];
  exact: boolean;
}
export interface ThemeModel {
  params: Params;
  ids: ThemeId[];
  label(heading: string | null, text: string): ThemeLabel[];
}

type RawCue = [string, number, string?];

export function loadTaxonomy(json: string): ThemeModel {
  let raw: { params: Params; themes: Array<{ id: string; cues: RawCue[] }> };
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw permanent("taxonomy_json", "seeds/taxonomy.json is not valid JSON", err);
  }
  const ids = raw.themes.map((t) => ThemeIdSchema.parse(t.id));
  // One group per theme and case mode (cues of different themes may overlap: "ambient AI"), plus
  // one prefix index per case mode that finds where cues may start in a single pass.
  const build = (exact: boolean, only: number): Combined & { srcs: string[] } => {
    const cues: Cue[] = [];
    const res: RegExp[] = [];
    const srcs: string[] = [];
    for (const [src, weight, mode] of raw.themes[only]!.cues) {
      if ((mode === "exact") !== exact) continue;
      if (new RegExp(`${src}|`).exec("")!.length !== 1) throw permanent("taxonomy_cue", `cue ${src} has a capturing group`);
      cues.push({ theme: only, weight });
      // Case-insensitive cues run lower-cased against lower-cased text: cheaper than the i flag.
      srcs.push(exact ? src : src.toLowerCase());
      // Sticky, word-bounded ("£" cues start at a symbol); test() leaves lastIndex at the match end.
      res.push(new RegExp(`(?:\\b|(?=£))(?:${srcs[srcs.length - 1]})\\b`, "y"));
    }
    return { res, cues, exact, srcs };
  };
  const groups = ids.flatMap((_, ti) => [build(false, ti), build(true, ti)]).filter((g) => g.cues.length > 0);
  const index = buildCueIndex(...([false, true].map((exact) => groups.map((g) => (g.exact === exact ? g.srcs : []))) as [string[][], string[][]]));
  const params = raw.params;
  return { params, ids, label: (h, text) => label(ids, groups, index, params, h, text) };
}

/**
 * Evidence per theme and per sentence; a cue counts once per sentence. Equivalent to a global,
 * non-overlapping scan with one alternation of each group's cues (the first cue that matches at
 * a position wins), but the text is scanned once per case mode and only the cues whose leading
 * characters are there get tried.
 */
function scoreAll(groups: Combined[], index: CueIndex, nThemes: number, text: string, starts: number[]): { total: number[]; per: Array<Map<number, number> | undefined> } {
  const total = new Array<number>(nThemes).fill(0);
  // Evidence per sentence, for the themes that have any (most have none in a given story).
  const per = new Array<Map<number, number> | undefined>(nThemes).fill(undefined);
  const seen = new Set<number>();
  const lower = text.toLowerCase(); // same length and offsets as text for the Latin script news uses
  const cand = index.hits(text, lower);
  for (let gi = 0; gi < groups.length; gi++) {
    const g = groups[gi]!;
    const str = g.exact ? text : lower;
    const hits = (g.exact ? cand.cs : cand.ci)[gi]!;
    let lastEnd = 0;
    for (let a = 0, b = 0; a < hits.length; a = b) {
      const at = Math.floor(hits[a]! / CUE_SLOTS);
      b = a + 1;
      while (b < hits.length && Math.floor(hits[b]! / CUE_SLOTS) === at) b++;
      if (at < lastEnd) continue;
      // Try the cues at one position in taxonomy order, as the alternation would.
      if (b - a > 1) sortRange(hits, a, b);
      const m = firstMatch(g.res, str, at, hits, a, b);
      if (!m) continue;
      lastEnd = at + Math.max(m.end - at, 1);
      const cue = g.cues[m.k]!;
      const si = sentenceAt(starts, at);
      const key = (si * groups.length + gi) * CUE_SLOTS + m.k;
      if (seen.has(key)) continue;
      seen.add(key);
      total[cue.theme]! += cue.weight;
      const ps = (per[cue.theme] ??= new Map());
      ps.set(si, (ps.get(si) ?? 0) + cue.weight);
    }
  }
  return { total, per };
}

/** Insertion sort of xs[a..b): a handful of cues at one position. */
function sortRange(xs: number[], a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    const v = xs[i]!;
    let j = i - 1;
    while (j >= a && xs[j]! > v) (xs[j + 1] = xs[j]!), j--;
    xs[j + 1] = v;
  }
}

/** The first candidate cue (hits[a..b), all at pos) that matches there, as an alternation would pick it. */
function firstMatch(res: RegExp[], str: string, pos: number, hits: number[], a: number, b: number): { k: number; end: number } | null {
  for (let i = a; i < b; i++) {
    const k = hits[i]! % CUE_SLOTS;
    const re = res[k]!;
    re.lastIndex = pos;
    if (re.test(str)) return { k, end: re.lastIndex };
  }
  return null;
}

function sentenceAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Index of the largest total at or above min (the first on a tie), or -1. */
function strongest(totals: number[], min: number): number {
  let best = -1;
  totals.forEach((t, i) => {
    if (t >= min && (best < 0 || t > totals[best]!)) best = i;
  });
  return best;
}

function sentenceStarts(text: string, sents: string[]): number[] {
  const starts: number[] = [];
  let from = 0;
  for (const s of sents) {
    const i = text.indexOf(s.slice(0, 20), from);
    starts.push(i < 0 ? from : i);
    from = i < 0 ? from : i + 1;
  }
  return starts.length ? starts : [0];
}

function label(ids: ThemeId[], groups: Combined[], index: CueIndex, p: Params, heading: string | null, text0: string): ThemeLabel[] {
  const text = text0.replace(/\s+/g, " ");
  const sents = sentencesOfCollapsed(text);
  const starts = sentenceStarts(text, sents);
  const kchars = Math.max(text.length, 300) / 1000;
  const head = heading ? scoreAll(groups, index, ids.length, heading, [0]).total : null;
  const body = scoreAll(groups, index, ids.length, text, starts);
  const out: ThemeLabel[] = [];
  const totals = ids.map((_, ti) => (head ? head[ti]! * p.headingBoost : 0) + body.total[ti]!);
  const passes = (t: number) => t >= p.minEvidence && t / kchars >= p.minPerKchars;
  // A story no theme passes for still gets its strongest one when that has a cue's worth of
  // evidence: a roundup paragraph that names "SystmOne" once is about an EPR. Without any theme,
  // resolution has no subject to compare (it treats the story as unknown, not as different).
  const fallback = totals.some(passes) || p.fallbackEvidence === undefined ? -1 : strongest(totals, p.fallbackEvidence);
  ids.forEach((id, ti) => {
    const total = totals[ti]!;
    if (!passes(total) && ti !== fallback) return;
    let bestIdx = -1;
    let best = 0;
    for (const [i, e] of body.per[ti] ?? []) if (e > best) (best = e), (bestIdx = i);
    const score = Math.round((1 - Math.exp(-total / p.scale)) * 1000) / 1000;
    out.push({ id, score, evidence: sents[bestIdx] ?? heading ?? "" });
  });
  return out.sort((a, b) => b.score - a.score);
}
