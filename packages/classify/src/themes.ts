import { permanent, ThemeIdSchema, type ThemeId, type ThemeLabel } from "@radar/core";
import { sentences } from "./text.js";

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
}
interface Cue {
  theme: number;
  weight: number;
}
/** The cues of one theme as one alternation (case-insensitive or exact), one group per cue. */
interface Combined {
  re: RegExp | null;
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
  // One alternation per theme and case mode (cues of different themes may overlap: "ambient AI"),
  // plus one union per case mode that finds the candidate positions in a single pass.
  const build = (exact: boolean, only: number): Combined => {
    const cues: Cue[] = [];
    const parts: string[] = [];
    for (const [src, weight, mode] of raw.themes[only]!.cues) {
      if ((mode === "exact") !== exact) continue;
      if (new RegExp(`${src}|`).exec("")!.length !== 1) throw permanent("taxonomy_cue", `cue ${src} has a capturing group`);
      cues.push({ theme: only, weight });
      // Case-insensitive cues run lower-cased against lower-cased text: cheaper than the i flag.
      parts.push(`(${bounded(exact ? src : src.toLowerCase())})`);
    }
    // Sticky: tried only at candidate positions. One boundary test per position ("£" cues start at a symbol).
    return { re: parts.length ? new RegExp(`(?:\\b|(?=£))(?:${parts.join("|")})`, "y") : null, cues, exact };
  };
  const groups = ids.flatMap((_, ti) => [build(false, ti), build(true, ti)]).filter((g) => g.re !== null);
  const union = (exact: boolean) => {
    const alts = raw.themes.flatMap((t) => t.cues.filter((c) => (c[2] === "exact") === exact).map((c) => bounded(exact ? c[0] : c[0].toLowerCase())));
    return alts.length ? new RegExp(`(?:\\b|(?=£))(?:${alts.join("|")})`, "g") : null;
  };
  const unions = { ci: union(false), cs: union(true) };
  const params = raw.params;
  return { params, ids, label: (h, text) => label(ids, groups, unions, params, h, text) };
}

/** Trailing ASCII word boundary; the leading one is shared by the whole alternation. */
function bounded(src: string): string {
  return `(?:${src})\\b`;
}

interface Unions {
  ci: RegExp | null;
  cs: RegExp | null;
}

/** Every position where some cue matches (overlapping), ascending. */
function candidates(re: RegExp | null, text: string): number[] {
  const out: number[] = [];
  if (!re) return out;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push(m.index);
    re.lastIndex = m.index + 1;
  }
  return out;
}

/**
 * Evidence per theme and per sentence; a cue counts once per sentence. Equivalent to a global,
 * non-overlapping scan per theme, but the text is scanned once per case mode and each theme's
 * regex is only tried (sticky) where some cue starts.
 */
function scoreAll(groups: Combined[], unions: Unions, nThemes: number, text: string, starts: number[]): { total: number[]; per: Array<Map<number, number>> } {
  const total = new Array<number>(nThemes).fill(0);
  const per = Array.from({ length: nThemes }, () => new Map<number, number>());
  const seen = new Set<string>();
  const lower = text.toLowerCase(); // same length and offsets as text for the Latin script news uses
  const cand = { ci: candidates(unions.ci, lower), cs: candidates(unions.cs, text) };
  groups.forEach((g, gi) => {
    const re = g.re!;
    const str = g.exact ? text : lower;
    let lastEnd = 0;
    for (const pos of g.exact ? cand.cs : cand.ci) {
      if (pos < lastEnd) continue;
      re.lastIndex = pos;
      const m = re.exec(str);
      if (!m) continue;
      lastEnd = pos + Math.max(m[0].length, 1);
      let k = 1;
      while (k < m.length && m[k] === undefined) k++;
      const cue = g.cues[k - 1];
      if (!cue) continue;
      const si = sentenceAt(starts, pos);
      const key = `${gi}:${k}:${si}`;
      if (seen.has(key)) continue;
      seen.add(key);
      total[cue.theme]! += cue.weight;
      per[cue.theme]!.set(si, (per[cue.theme]!.get(si) ?? 0) + cue.weight);
    }
  });
  return { total, per };
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

function label(ids: ThemeId[], groups: Combined[], unions: Unions, p: Params, heading: string | null, text0: string): ThemeLabel[] {
  const text = text0.replace(/\s+/g, " ");
  const sents = sentences(text);
  const starts = sentenceStarts(text, sents);
  const kchars = Math.max(text.length, 300) / 1000;
  const head = heading ? scoreAll(groups, unions, ids.length, heading, [0]).total : null;
  const body = scoreAll(groups, unions, ids.length, text, starts);
  const out: ThemeLabel[] = [];
  ids.forEach((id, ti) => {
    const total = (head ? head[ti]! * p.headingBoost : 0) + body.total[ti]!;
    if (total < p.minEvidence || total / kchars < p.minPerKchars) return;
    let bestIdx = -1;
    let best = 0;
    for (const [i, e] of body.per[ti]!) if (e > best) (best = e), (bestIdx = i);
    const score = Math.round((1 - Math.exp(-total / p.scale)) * 1000) / 1000;
    out.push({ id, score, evidence: sents[bestIdx] ?? heading ?? "" });
  });
  return out.sort((a, b) => b.score - a.score);
}
