import type { Decision, Diff } from "@radar/core";
import { diff } from "./diff.js";
import { signature } from "./minhash.js";
import { scoreWith, storyFeatures, type Score } from "./score.js";
import { emptyState, storyText } from "./state.js";
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

/**
 * New, update or duplicate. The story is scored against each candidate's merged state and
 * signature with fixed thresholds, so the outcome does not depend on which mention came first.
 */
export function decide(story: Story, candidates: Candidate[], opts: Partial<Thresholds> = {}): Decision {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  const sig = signature(storyText(story));
  const f = storyFeatures(story);
  // Reasons are built for the chosen candidate only (string formatting dominates otherwise).
  const scored = candidates.map((c) => ({ c, s: scoreWith(story, f, sig, c, t, false) }));
  const explained = (x: { c: Candidate; s: Score } | null) => x && { c: x.c, s: scoreWith(story, f, sig, x.c, t) };
  const best = explained(pickBest(scored.filter((x) => x.s.score >= t.match)));
  if (!best) {
    const top = explained(pickBest(scored));
    const why = top ? [`best candidate ${top.c.id} scored ${top.s.score.toFixed(2)} < ${t.match}`, ...top.s.reasons] : ["no candidate initiatives"];
    return { action: "new", initiativeId: null, baseVersion: null, score: top?.s.score ?? 0, reasons: why, diff: diff(emptyState(), story, t), alsoMatches: [] };
  }
  const d = diff(best.c.state, story, t);
  const news = significant(d);
  const reasons = [`matched ${best.c.id} with score ${best.s.score.toFixed(2)}`, ...best.s.reasons];
  reasons.push(news ? `adds ${describeDiff(d)}` : d.themes ? `only themes differ (${d.themes.added.join(", ")}): duplicate` : "adds nothing new");
  return {
    action: news ? "update" : "duplicate",
    initiativeId: best.c.id,
    baseVersion: best.c.version,
    score: best.s.score,
    reasons,
    diff: news ? d : {},
    alsoMatches: [],
  };
}
