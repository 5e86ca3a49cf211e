import type { InitiativeState, Money } from "@radar/core";
import { estimateJaccard } from "./minhash.js";
import { orgKey, storyOrgs, storyText, storyTitle } from "./state.js";
import { keyed, stateWords, type StateWords } from "./memo.js";
import { contentSet, programmePhrases } from "./text.js";
import { DEFAULT_THRESHOLDS, type Candidate, type Signature, type Story, type Systems, type Thresholds } from "./types.js";

export interface Score {
  score: number;
  features: Record<string, number>;
  reasons: string[];
}

const DAY_MS = 86_400_000;

/** 1: same primary organisation; 0.8: one side's primary among the other's; 0.5: any shared; 0: none. */
function orgOverlap(storyKeys: string[], stateKeys: string[]): number {
  if (storyKeys.length === 0 || stateKeys.length === 0) return 0;
  if (storyKeys[0] === stateKeys[0]) return 1;
  if (stateKeys.includes(storyKeys[0]!) || storyKeys.includes(stateKeys[0]!)) return 0.8;
  return storyKeys.some((k) => stateKeys.includes(k)) ? 0.5 : 0;
}

/** The org term for a national scheme named by a shared amount (and enough content): see scoreWith. */
const NATIONAL_SCHEME_ORG = 0.8;

/** Organisations a story names for it to be a national scheme's list of recipients (see Evidence). */
const RECIPIENT_LIST = 3;

/** Overlap when no organisation is shared but one side's ICB is the other side's trust's ICB. */
const PARENT_OVERLAP = 0.5;

/**
 * The ICB (short name) one side names as a body and the other side's organisations belong to:
 * a trust's shared care record later reported by its ICB is still the trust's record. Null if none.
 */
function parentIcb(mine: Systems, theirs: Systems): string | null {
  for (const b of mine.bodies) if (theirs.icbs.includes(b)) return b;
  for (const b of theirs.bodies) if (mine.icbs.includes(b)) return b;
  return null;
}

/** What a candidate without member stories offers: its ICB, not knowing whether it names the ICB itself. */
function candidateSystems(c: Candidate): Systems {
  return c.systems ?? (c.state.icb ? { icbs: [c.state.icb], bodies: [] } : NO_SYSTEMS);
}

const NO_SYSTEMS: Systems = { icbs: [], bodies: [] };

/** The ICBs a story's organisations belong to, and the ICBs it names as bodies (gazetteer kind "icb"). */
function storySystems(orgs: { kind: string; icb?: string | null | undefined; name: string }[]): Systems {
  const icbs: string[] = [];
  const bodies: string[] = [];
  for (const o of orgs) {
    if (o.kind === "icb") { if (!bodies.includes(o.icb ?? o.name)) bodies.push(o.icb ?? o.name); }
    else if (o.icb && !icbs.includes(o.icb)) icbs.push(o.icb);
  }
  return icbs.length === 0 && bodies.length === 0 ? NO_SYSTEMS : { icbs, bodies };
}

/** Story-side inputs, computed once per story rather than once per candidate. */
export interface StoryFeatures {
  keys: string[];
  words: Set<string>;
  title: Set<string>;
  orgWords: Set<string>;
  /** The story's subject themes (stage themes left out: see STAGE_THEMES), once per story. */
  themes: Set<string>;
  names: { programmes: Map<string, string>; suppliers: Map<string, string>; periods: Map<string, string> };
  /** The story's own amounts, region and date (the other direction compares them with a state). */
  money: Money[];
  region: string | null;
  publishedAt: string | null;
  /** The ICBs of its organisations and the ICBs it names (see parentIcb). */
  systems: Systems;
}

export function storyFeatures(story: Story): StoryFeatures {
  const orgs = storyOrgs(story);
  return {
    keys: orgs.map(orgKey),
    words: contentSet(storyText(story)),
    title: contentSet(storyTitle(story)),
    orgWords: contentSet(orgs.map((o) => o.name).join(" ")),
    themes: subjectThemes(story.item.themes.map((t) => t.id)),
    names: { programmes: keyed([...(story.item.programmes ?? []), ...programmePhrases(storyText(story))]), suppliers: keyed(story.item.suppliers), periods: keyed(story.item.periods) },
    money: story.item.money,
    region: story.item.region,
    publishedAt: story.publishedAt,
    systems: storySystems(orgs),
  };
}

/**
 * Cosine (or Jaccard) of a and b ignoring words of either side's organisation names, so the
 * shared trust name does not count twice (it is the org feature already). No sets are built.
 */
function overlapExcluding(a: Set<string>, b: Set<string>, x1: Set<string>, x2: Set<string>, kind: "cosine" | "jaccard"): number {
  // No closures here: this runs for every fact of every member of every candidate.
  let na = 0, nb = 0, inter = 0;
  for (const w of a) if (!x1.has(w) && !x2.has(w)) { na++; if (b.has(w)) inter++; }
  for (const w of b) if (!x1.has(w) && !x2.has(w)) nb++;
  if (kind === "cosine") return na === 0 || nb === 0 ? 0 : inter / Math.sqrt(na * nb);
  return na + nb - inter === 0 ? 0 : inter / (na + nb - inter);
}

/**
 * The story's title against the initiative's title; with member stories, against every mention's
 * title (keeps the feature order-independent). A story without a heading is titled by its first
 * sentence, so a roundup paragraph's lead counts. Not against every sentence: a story mentioning
 * another initiative of its trust in passing ("the record will link to the Ultramed pre-op
 * platform it piloted") matched that initiative's title (a false merge on fixtures-8).
 */
function titleSimilarity(f: StoryFeatures, sw: StateWords): number {
  return overlapExcluding(f.title, sw.title, f.orgWords, sw.orgWords, "jaccard");
}

const NONE: string[] = [];

function shared(mine: Map<string, string>, theirs: Map<string, string>): string[] {
  if (mine.size === 0 || theirs.size === 0) return NONE;
  const out: string[] = [];
  for (const [k, v] of mine) if (theirs.has(k)) out.push(v);
  return out;
}

/** The story's amounts the state also has (as the story wrote them, once each). */
function sharedMoney(mine: Money[], theirs: Money[]): string[] {
  if (mine.length === 0 || theirs.length === 0) return NONE;
  const out: string[] = [];
  for (const m of mine) if (theirs.some((t) => t.pounds === m.pounds) && !out.includes(m.text)) out.push(m.text);
  return out;
}

function gapDays(publishedAt: string | null, c: Candidate): number | null {
  const t = publishedAt ? Date.parse(publishedAt) : NaN;
  const first = Date.parse(c.firstSeen);
  const last = Date.parse(c.lastSeen);
  if (Number.isNaN(t) || Number.isNaN(first) || Number.isNaN(last)) return null;
  if (t >= first && t <= last) return 0; // inside the initiative's span: symmetric in arrival order
  return Math.min(Math.abs(t - first), Math.abs(t - last)) / DAY_MS;
}

interface Evidence {
  org: number;
  /** The ICB that relates the two sides when they share no organisation (org is then PARENT_OVERLAP). */
  viaIcb: string | null;
  orgKnown: boolean;
  bothOrgless: boolean;
  /**
   * One side is organisation-less (a national scheme) and the other names at least
   * RECIPIENT_LIST organisations and shares the scheme's programme name: the scheme's allocations
   * ("NHS England has named the 41 trusts that will share its … Fund"), not one trust's project.
   */
  recipients: boolean;
  jac: number;
  cos: number;
  title: number;
  themes: number;
  /** Both sides have at least one subject theme (else themes is UNKNOWN_THEMES). */
  themesKnown: boolean;
  money: string[];
  programmes: string[];
  suppliers: string[];
  periods: string[];
  gap: number | null;
}

/**
 * When either side has no subject theme (none at all, or only stage themes), the classifier found
 * no evidence of what it is about (a roundup paragraph, a topic its cues do not cover yet): that
 * is not disagreement, so the term is neutral.
 */
const UNKNOWN_THEMES = 0.5;

/**
 * Themes that say where an initiative is, not what it is: a trust's EPR is "procurement" and
 * "strategy-funding" while it is tendered and funded, and neither once it goes live (like status,
 * they change over its life). Theme overlap compares the subject themes only.
 */
const STAGE_THEMES: ReadonlySet<string> = new Set(["procurement", "strategy-funding"]);

/** The subject themes among ids (for a story's features, made once per story). */
export function subjectThemes(ids: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const t of ids) if (!STAGE_THEMES.has(t)) out.add(t);
  return out;
}

function hasSubjectTheme(themes: string[]): boolean {
  for (const t of themes) if (!STAGE_THEMES.has(t)) return true;
  return false;
}

/** Jaccard of the story's subject themes and the state's (at most 14), without building a set. */
function themeOverlap(mine: Set<string>, theirs: string[]): number {
  let n = 0;
  let inter = 0;
  for (let i = 0; i < theirs.length; i++) {
    const t = theirs[i]!;
    if (theirs.indexOf(t) !== i || STAGE_THEMES.has(t)) continue; // a repeat counts once, as in a set
    n++;
    if (mine.has(t)) inter++;
  }
  return inter / (mine.size + n - inter);
}

const NO_TEXT = { cos: 0, title: 0, themes: 0, themesKnown: false, money: [], programmes: [], suppliers: [], periods: [], gap: null };

/**
 * The evidence for one candidate. With `lazy`, a candidate that can only end capped (no shared
 * organisation, not a copy, not an organisation-less pair) skips the text features: the decision
 * is the same and the facts of unrelated initiatives are never tokenised.
 */
function gather(f: StoryFeatures, sig: Signature, c: Candidate, lazy: Thresholds | null): Evidence {
  const st: InitiativeState = c.state;
  const direct = orgOverlap(f.keys, st.orgs);
  const viaIcb = direct === 0 ? parentIcb(f.systems, candidateSystems(c)) : null;
  const org = viaIcb ? PARENT_OVERLAP : direct;
  const bothOrgless = f.keys.length === 0 && st.orgs.length === 0;
  const oneOrgless = (f.keys.length === 0) !== (st.orgs.length === 0);
  const listsRecipients = oneOrgless && Math.max(f.keys.length, st.orgs.length) >= RECIPIENT_LIST;
  const jac = estimateJaccard(sig, c.signature);
  const orgKnown = f.keys.length > 0 && st.orgs.length > 0;
  const themesKnown = f.themes.size > 0 && hasSubjectTheme(st.themes);
  if (lazy && org === 0 && !bothOrgless && !listsRecipients && jac < lazy.syndicatedJaccard) return { org, viaIcb, orgKnown, bothOrgless, recipients: false, jac, ...NO_TEXT };
  const sw = stateWords(st);
  const programmes = shared(f.names.programmes, sw.names.programmes);
  // Built in one literal (no spreads): this runs for every member of every candidate.
  return {
    org,
    viaIcb,
    orgKnown,
    bothOrgless,
    recipients: listsRecipients && programmes.length > 0,
    jac,
    cos: overlapExcluding(f.words, sw.words, f.orgWords, sw.orgWords, "cosine"),
    title: titleSimilarity(f, sw),
    themesKnown,
    themes: themesKnown ? themeOverlap(f.themes, st.themes) : UNKNOWN_THEMES,
    money: sharedMoney(f.money, st.money),
    programmes,
    suppliers: shared(f.names.suppliers, sw.names.suppliers),
    periods: shared(f.names.periods, sw.names.periods),
    gap: gapDays(f.publishedAt, c),
  };
}

function reasonsOf(e: Evidence, c: Candidate): string[] {
  const r: string[] = [];
  if (e.org === 1) r.push(`same organisation ${c.state.orgs[0]}`);
  else if (e.viaIcb) r.push(`one side's ICB (${e.viaIcb}) is the other's organisations' ICB`);
  else if (e.org > 0) r.push(`shared organisation (overlap ${e.org.toFixed(1)})`);
  else r.push(e.orgKnown ? "no shared organisation" : "organisation unknown on one side");
  r.push(`text similarity ${e.cos.toFixed(2)} (MinHash Jaccard ${e.jac.toFixed(2)})`);
  if (e.title > 0) r.push(`title similarity ${e.title.toFixed(2)}`);
  for (const m of e.money) r.push(`shared amount ${m}`);
  for (const p of e.programmes) r.push(`shared programme ${p}`);
  for (const s of e.suppliers) r.push(`shared supplier ${s}`);
  if (e.periods.length > 0) r.push(`shared period ${e.periods.join(", ")}`);
  r.push(e.themesKnown ? `theme overlap ${e.themes.toFixed(2)}` : "no subject themes on one side (neutral)");
  if (e.gap !== null && e.gap > 0) r.push(`${Math.round(e.gap)} days from the initiative's mentions`);
  return r;
}

/**
 * Weighted sum of explainable features, then ceilings that encode identity rules:
 * different organisations are different initiatives unless the text is a copy, and the same
 * organisation is not enough without a shared subject (text, title or a distinctive name).
 */
export function scoreCandidate(story: Story, storySig: Signature, c: Candidate, opts: Partial<Thresholds> = {}): Score {
  return scoreWith(storyFeatures(story), storySig, c, { ...DEFAULT_THRESHOLDS, ...opts });
}

function regionConflict(f: StoryFeatures, c: Candidate): boolean {
  const r1 = f.region;
  const r2 = c.state.region;
  return r1 !== null && r2 !== null && r1 !== r2 && r1 !== "England" && r2 !== "England";
}

/**
 * Identity rules on top of the weighted sum; each one that fires says so in the reasons.
 * - near-identical text (MinHash Jaccard ≥ syndicatedJaccard) is a copy, whatever the orgs say,
 *   unless it is a template with another place filled in ("…series looks to the Midlands");
 * - different organisations cap the score (two trusts' EPR procurements are two initiatives);
 * - the same organisation without a shared subject (content) or amount caps it too.
 */
function applyRules(score: number, e: Evidence, x: { content: number; orgless: boolean; conflict: boolean }, t: Thresholds, reasons: string[]): number {
  if (e.jac >= t.syndicatedJaccard && !(x.conflict && e.org === 0)) {
    reasons.push("near-identical text (syndicated copy)");
    return Math.max(score, t.match + (1 - t.match) * e.jac);
  }
  if (e.org === 0 && !x.orgless && score > t.noSharedOrgCap) {
    reasons.push("capped: no shared organisation and text not a copy");
    return t.noSharedOrgCap;
  }
  // An amount stands in for a shared subject, and so does a supplier on the same theme (a trust's
  // InterSystems EPR, reported a year on as "TrakCare go-live moved to May"); a product or
  // supplier alone does not: the NHS App, Teams or Epic recur across a trust's initiatives.
  const subject = e.money.length > 0 || (e.suppliers.length > 0 && e.themesKnown && e.themes > 0);
  if (x.content < t.minContent && !subject && score > t.weakContentCap) {
    reasons.push("capped: shared organisation but no shared subject");
    return t.weakContentCap;
  }
  return score;
}

/** scoreCandidate with the story-side features precomputed (decide scores many candidates). */
export function scoreWith(f: StoryFeatures, storySig: Signature, c: Candidate, t: Thresholds, explain = true): Score {
  const e = gather(f, storySig, c, explain ? null : t);
  const content = Math.max(e.cos, e.title, Math.min(1, 1.5 * e.jac));
  // Amounts identify an initiative; programme and supplier names less so (the NHS App, Teams or
  // Epic recur across many initiatives of one trust); a shared period is weaker still.
  const names = Math.min(1, (e.money.length > 0 ? 1 : 0) + (e.programmes.length > 0 ? 0.5 : 0) + (e.suppliers.length > 0 ? 0.25 : 0) + (e.periods.length > 0 ? 0.15 : 0));
  const decay = e.gap === null ? 1 : Math.pow(0.5, Math.max(0, e.gap - t.timeGraceDays) / t.halfLifeDays);
  const conflict = regionConflict(f, c);
  // National programmes (NHS England, DHSC) have no gazetteer organisation on either side. A shared
  // amount names the scheme itself: months later a follow-up is worded afresh ("£40m Ambient Voice
  // Technology Accelerator" → "now live in 92 trusts") but repeats the fund's amount (13 of 13 such
  // pairs on the labelled sets were one scheme). Without an amount, a shared programme name and
  // strong content make the org term neutral: no evidence either way.
  // Not when both sides' subject themes are known and disjoint: two funds opened the same week
  // with the same per-trust cap (cyber, community mental health) are two schemes.
  const themesDisagree = e.themesKnown && e.themes === 0;
  const nationalScheme = (e.bothOrgless || e.recipients) && !conflict && !themesDisagree && e.money.length > 0 && content >= t.minContent;
  const orgless = nationalScheme || (e.bothOrgless && !conflict && content >= 2 * t.minContent && e.programmes.length > 0);
  const w = t.weights;
  const sum = w.org * (nationalScheme ? NATIONAL_SCHEME_ORG : orgless ? 0.5 : e.org) + w.content * content + w.names * names + w.themes * e.themes;
  const reasons = explain ? reasonsOf(e, c) : [];
  if (nationalScheme && explain) {
    const who = e.bothOrgless ? "no organisation on either side (national programme)" : "a national programme and a list of its recipient organisations";
    reasons.push(`${who}: the shared amount ${e.money[0]}${e.programmes.length > 0 ? ` and programme ${e.programmes[0]}` : ""} name it`);
  } else if (orgless && explain) reasons.push("no organisation on either side (national programme): judged on content and names");
  const score = applyRules(sum * (1 - w.time + w.time * decay), e, { content, orgless, conflict }, t, reasons);
  const features: Record<string, number> = {
    org: e.org,
    jaccard: e.jac,
    cosine: e.cos,
    title: e.title,
    content,
    names,
    themes: e.themes,
    decay,
    gapDays: e.gap ?? -1,
  };
  return { score: Math.round(score * 1000) / 1000, features, reasons };
}
