import { permanent, type InitiativeState } from "@radar/core";
import { attached } from "./attached.js";
import { initialState } from "./diff.js";
import { stateWords, type StateWords } from "./memo.js";
import { isProfile, isWellFormedProfile, profileOfView, viewOfProfile, type StoryProfile } from "./profile.js";
import { indexKeysWith } from "./keys.js";
import { BANDS, EMPTY, PERMUTATIONS, ROWS } from "./minhash.js";
import { storySignature } from "./story-signature.js";
import { scoreWith, storyFeatures, type Score, type StoryFeatures } from "./score.js";
import { DEFAULT_THRESHOLDS, type Candidate, type Signature, type Story, type Thresholds } from "./types.js";

/**
 * One story seen both ways: as the story being decided (features, signature) and as a
 * one-mention initiative (its initial state), plus every index key it is filed under.
 * Scoring a story against each member this way is a function of the two stories only, so
 * which initiative a story joins does not depend on the order its members arrived in.
 */
export interface StoryView {
  features: StoryFeatures;
  sig: Signature;
  asCandidate: Candidate;
  /** Word sets of asCandidate's state (kept for profiles). */
  stateWords: StateWords;
  /** Organisation and name keys; shared LSH bands are read off the signatures (sharesBand). */
  keys: Set<string>;
  /** Where the story was published and its place in the article (see sameArticle). */
  source: string;
  ordinal: number;
}

const EPOCH = "1970-01-01T00:00:00.000Z";

// A stored profile (see StoryProfile) turns into a view without tokenising; a story without one
// is viewed once per object. There is no cache by content: members come back from the store as
// profiles, and a cache holding thousands of views (sets of words) made every garbage collection
// of a long-running worker slower, which showed in resolve's tail latency.
const byObject = attached<Story, { th: string; view: StoryView }>("radar.storyView");

/** The thresholds initialState reads: a view is reused only where it would be rebuilt identically. */
export const fingerprint = (t: Thresholds) => `${t.minFactWords},${t.factNovelty},${t.maxFactsPerDiff},${t.maxFacts},${t.minThemeScore}`;

export function storyView(story: Story, opts: Partial<Thresholds> = {}): StoryView {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  const th = fingerprint(t);
  const seen = byObject.get(story);
  if (seen && seen.th === th) return seen.view;
  const view = isProfile(story.profile, th) ? viewOfProfile(story.profile) : buildView(story, t);
  byObject.set(story, { th, view });
  return view;
}

/**
 * The initiative a story founds (initialState with default thresholds), taken from its view when
 * the story object was already viewed (resolved in this process). A story without a view (the
 * apply worker loads it afresh) gets initialState alone: building the whole view for it (features,
 * keys, word sets) cost three times as much, to use one field.
 */
export function foundingState(story: Story): InitiativeState {
  const seen = story.profile === undefined ? byObject.get(story) : undefined;
  return seen && seen.th === fingerprint(DEFAULT_THRESHOLDS) ? seen.view.asCandidate.state : initialState(story);
}

/**
 * A profile handed over from another process (resolve → apply, through the queue), if it is one
 * this code would have made with the default thresholds; null otherwise (absent, another format,
 * malformed), and the caller makes its own.
 */
export function currentProfile(x: unknown): StoryProfile | null {
  return isProfile(x, fingerprint(DEFAULT_THRESHOLDS)) && isWellFormedProfile(x) ? x : null;
}

/** What scoring needs of a story, as JSON to keep with its mention (see StoryProfile). */
export function storyProfile(story: Story, opts: Partial<Thresholds> = {}): StoryProfile {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  return profileOfView(storyView(story, t), fingerprint(t));
}

function buildView(story: Story, t: Thresholds): StoryView {
  if (story.profile && story.item.text === "") {
    throw permanent("resolve.profile-mismatch", "a member story read back as a profile only cannot be scored with other thresholds");
  }
  const sig = storySignature(story);
  const when = story.publishedAt ?? EPOCH;
  const k = indexKeysWith(story, sig.bands);
  const state = initialState(story, t);
  const features = storyFeatures(story);
  return {
    features,
    sig,
    asCandidate: { id: "", version: 1, state, signature: sig, firstSeen: when, lastSeen: when, systems: features.systems },
    stateWords: stateWords(state),
    keys: new Set([...k.orgKeys, ...k.nameKeys]),
    source: story.source,
    ordinal: story.item.ordinal,
  };
}

function sharesKey(a: Set<string>, b: Set<string>): boolean {
  const [small, big] = a.size <= b.size ? [a, b] : [b, a];
  for (const k of small) if (big.has(k)) return true;
  return false;
}

/** Whether two signatures share an LSH band (all its rows equal): what equal band keys mean. */
function sharesBand(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== PERMUTATIONS || b.length !== PERMUTATIONS || a[0] === EMPTY || b[0] === EMPTY) return false;
  for (let band = 0; band < BANDS; band++) {
    let r = band * ROWS;
    const end = r + ROWS;
    while (r < end && a[r] === b[r]) r++;
    if (r === end) return true;
  }
  return false;
}

/**
 * Symmetric story-to-story score: the better of the two directions (the title and text features
 * compare one side's full text with the other's title and fact sentences). Pairs that share no
 * index key score 0: the store would never have offered one to the other, whatever the order.
 */
export function scorePair(a: StoryView, b: StoryView, t: Thresholds, explain: boolean): Score | null {
  if (!sharesKey(a.keys, b.keys) && !sharesBand(a.sig.minhash, b.sig.minhash)) return null;
  const ab = scoreWith(a.features, a.sig, b.asCandidate, t, explain);
  const ba = scoreWith(b.features, b.sig, a.asCandidate, t, explain);
  const best = ba.score > ab.score ? ba : ab;
  return sameArticle(a, b) && best.score > t.weakContentCap && (best.features.jaccard ?? 0) < t.syndicatedJaccard
    ? { ...best, score: t.weakContentCap, reasons: [...best.reasons, "capped: another story of the same article (the publisher reports them separately)"] }
    : best;
}

/**
 * Two stories split from one article are two initiatives: the publisher chose to report them
 * separately. Only a near-copy overrides it (a segmentation slip). Single linkage still joins
 * them through other articles when they really are one initiative.
 */
function sameArticle(a: StoryView, b: StoryView): boolean {
  return a.source !== "" && a.source === b.source && a.ordinal !== b.ordinal;
}

/** The symmetric score of two stories, as decide sees a story against one member (for tuning tools). */
export function pairScore(a: Story, b: Story, opts: Partial<Thresholds> = {}): Score | null {
  const t = { ...DEFAULT_THRESHOLDS, ...opts };
  return scorePair(storyView(a, t), storyView(b, t), t, true);
}

/** Single linkage: the story against every member of the candidate, best member wins. */
export function scoreMembers(story: StoryView, members: Story[], t: Thresholds, explain: boolean): Score {
  let best: Score | null = null;
  for (const m of members) {
    const s = scorePair(story, storyView(m, t), t, explain);
    if (s && (!best || s.score > best.score)) best = s;
  }
  return best ?? { score: 0, features: {}, reasons: ["shares no index key with any member story"] };
}
