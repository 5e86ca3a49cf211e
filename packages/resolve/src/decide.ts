import type { Decision, Diff, InitiativeState } from "@radar/core";
import { diff } from "./diff.js";
import { scoreMembers, storyView } from "./members.js";
import { scoreWith, type Score } from "./score.js";
import { emptyState } from "./state.js";
import { DEFAULT_THRESHOLDS, type Candidate, type Thresholds } from "./types.js";
import type { Story } from "./types.js";

/**
 * A diff is news only when it carries a fact of the initiative: status, money, dates, suppliers,
 * organisations, programmes or new fact sentences. Themes are the classifier's reading, not a
 * fact; a diff that only adds themes is noise and the story is a duplicate.
 */
export function significant(d: Diff): boolean {
  return Boolean(d.status || d.money || d.periods || d.suppliers || d.orgs || d.programmes || d.facts);
}

function pickBest(scored: { c: Candidate; s: Score }[]): { c: Candidate; s: Score } | null {
  let best: { c: Candidate; s: Score } | null = null;
  for (const x of scored) {
    if (!best) best = x;
    else if (x.s.score > best.s.score) best = x;
    else if (x.s.score === best.s.score && (x.c.firstSeen < best.c.firstSeen || (x.c.firstSeen === best.c.firstSeen && x.c.id < best.c.id))) best = x;
  }
  return best;
}

function describeDiff(d: Diff): string {
  const parts: string[] = [];
  if (d.status) parts.push(`status ${d.status.from ?? "unknown"} → ${d.status.to}`);
  if (d.money) parts.push(`money ${[...d.money.added.map((m) => m.text), ...d.money.changed.map((c) => `${c.from.text} → ${c.to.text}`)].join(", ")}`);
  for (const k of ["periods", "suppliers", "orgs", "programmes"] as const) if (d[k]) parts.push(`${k} +${d[k]!.added.join(", ")}`);
  if (d.facts) parts.push(`${d.facts.added.length} new fact(s)`);
  if (d.themes) parts.push(`themes +${d.themes.added.join(", ")}`);
  return parts.join("; ");
}

/** The scoring half of decide: what the story matched, before any initiative state is read. */
export interface Ranking {
  /** The best candidate at or above the match threshold, explained. */
  best: { id: string; version: number; score: Score } | null;
  /** When nothing matched: the closest candidate, explained (for the reasons of a "new"). */
  closest: { id: string; score: Score } | null;
  /** Other candidates the story bridges into `best` (see Decision.alsoMatches). */
  alsoMatches: string[];
  /** How many others matched at bridge level (more than maxBridges: too ambiguous to fold). */
  bridged: number;
}

/**
 * Scores the story against every candidate: against each member story when the candidate carries
 * them (single linkage; its state is then not read), else against its merged state and signature.
 */
export function rankCandidates(story: Story, candidates: Candidate[], opts: Partial<Thresholds> = {}): Ranking {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  const view = storyView(story, t);
  const score = (c: Candidate, explain: boolean) =>
    c.members && c.members.length > 0 ? scoreMembers(view, c.members, t, explain) : scoreWith(view.features, view.sig, c, t, explain);
  // Reasons are built for the chosen candidate only (string formatting dominates otherwise).
  const scored = candidates.map((c) => ({ c, s: score(c, false) }));
  const explained = (x: { c: Candidate; s: Score } | null) => x && { c: x.c, s: score(x.c, true) };
  const matching = scored.filter((x) => x.s.score >= t.match);
  const best = explained(pickBest(matching));
  if (!best) {
    const top = explained(pickBest(scored));
    return { best: null, closest: top && { id: top.c.id, score: top.s }, alsoMatches: [], bridged: 0 };
  }
  // Every other initiative the story matches is bridged by it: the apply step folds them in.
  const bridged = [...new Set(matching.filter((x) => x.s.score >= t.bridge).map((x) => x.c.id).filter((id) => id !== best.c.id))].sort();
  return {
    best: { id: best.c.id, version: best.c.version, score: best.s },
    closest: null,
    alsoMatches: bridged.length <= t.maxBridges ? bridged : [],
    bridged: bridged.length,
  };
}

/**
 * The decision, given the ranking and the matched initiative as it stands (state and version,
 * read after ranking: only the chosen initiative's state is ever needed).
 */
export function decisionFor(story: Story, r: Ranking, current: { state: InitiativeState; version: number } | null, opts: Partial<Thresholds> = {}): Decision {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  if (!r.best || !current) {
    const top = r.closest;
    const why = top ? [`best candidate ${top.id} scored ${top.score.score.toFixed(2)} < ${t.match}`, ...top.score.reasons] : ["no candidate initiatives"];
    return { action: "new", initiativeId: null, baseVersion: null, score: top?.score.score ?? 0, reasons: why, diff: diff(emptyState(), story, t), alsoMatches: [] };
  }
  const best = r.best;
  const d = diff(current.state, story, t);
  const news = significant(d);
  const reasons = [`matched ${best.id} with score ${best.score.score.toFixed(2)}`, ...best.score.reasons];
  if (r.bridged > t.maxBridges) reasons.push(`also matches ${r.bridged} other initiatives: too ambiguous to merge them`);
  if (r.alsoMatches.length > 0) reasons.push(`also matches ${r.alsoMatches.join(", ")}: bridges them into ${best.id}`);
  reasons.push(news ? `adds ${describeDiff(d)}` : d.themes ? `only themes differ (${d.themes.added.join(", ")}): duplicate` : "adds nothing new");
  return {
    action: news ? "update" : "duplicate",
    initiativeId: best.id,
    baseVersion: current.version,
    score: best.score.score,
    reasons,
    diff: news ? d : {},
    alsoMatches: r.alsoMatches,
  };
}

/**
 * New, update or duplicate. The story is scored against each candidate's member stories (best
 * member, when the candidate carries them) or else its merged state and signature, with fixed
 * thresholds. `alsoMatches` lists the other candidates at or above the match threshold, sorted:
 * the story bridges them and the apply step merges them into `initiativeId`. With both, groups
 * are the connected components of the story-to-story match relation, whatever the arrival order.
 */
export function decide(story: Story, candidates: Candidate[], opts: Partial<Thresholds> = {}): Decision {
  const r = rankCandidates(story, candidates, opts);
  const chosen = r.best ? candidates.find((c) => c.id === r.best!.id)! : null;
  return decisionFor(story, r, chosen, opts);
}
