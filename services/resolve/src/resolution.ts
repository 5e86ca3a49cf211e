import { timeOrderedId, transient, type Decision } from "@radar/core";
import { currentState, getInitiative, loadCandidates, pinnedInitiative, type ApplyInput, type CandidateMember, type CandidateQuery, type Db } from "@radar/db";
import {
  PROFILE_FORMAT,
  applyDiff,
  bandKeys,
  currentProfile,
  decisionFor,
  diff,
  indexKeys,
  foundingState,
  mergeSignatures,
  profileMinhash,
  rankCandidates,
  significant,
  storyFromProfile,
  storyProfile,
  storySignature,
  type Story,
  type StoryProfile,
} from "@radar/resolve";
import { asStory, rebuildFromStories } from "./rebuild.js";
import { toCandidate } from "./story.js";

/**
 * Candidates per story: those sharing the most bands and distinctive names, then the organisation's
 * most recently reported initiatives. More cost time in every decision and rarely bring a better
 * match (a report continuing an old initiative shares its wording, amounts or names).
 */
export const CANDIDATE_LIMIT = 20;

/**
 * Initiatives read per key (and per band), most recently reported first. A busy trust files
 * thousands of initiatives under its organisation key; the newest 50 are the ones a fresh report
 * is likely to continue, and an older one still comes back through a shared band or name.
 */
export const CANDIDATES_PER_KEY = 50;

/**
 * Bound on the stories loaded per candidate. An initiative reported more often than this is scored
 * against its newest reports (and its merged state); order independence holds below it.
 */
export const MEMBERS_PER_CANDIDATE = 40;

/** Best-ranked candidates whose state comes with the look-up (the match is nearly always one). */
export const CANDIDATES_WITH_STATE = 3;

export interface Resolution {
  decision: Decision;
  /** Initiatives resolve compared the story with. */
  seen: string[];
  /** Database time of the read: only initiatives created later can be rivals at apply. */
  resolvedAt: Date;
  /**
   * What scoring needs of the story, for apply to keep with its mention. Made here from the view
   * ranking already built (no second tokenising and signing in the apply worker, which loads the
   * story afresh), and handed over in the apply job.
   */
  profile: StoryProfile;
}

/** A member as scoring sees it: its stored profile (the look-up returns only current ones), else the story itself. */
function memberStory(m: CandidateMember): Story | null {
  if (m.profile) return storyFromProfile(m.profile as unknown as StoryProfile);
  return m.story ? asStory(m.story) : null;
}

/** The look-up resolve makes for a story (exported for the benchmark's EXPLAIN and timings). */
export function candidateQuery(story: Story, itemId: string): CandidateQuery {
  const keys = indexKeys(story);
  return {
    bandKeys: keys.bandKeys,
    keys: [...keys.orgKeys, ...keys.nameKeys],
    limit: CANDIDATE_LIMIT,
    perKey: CANDIDATES_PER_KEY,
    membersPer: MEMBERS_PER_CANDIDATE,
    profileFormat: PROFILE_FORMAT,
    includeRecent: true,
    itemId,
    withState: CANDIDATES_WITH_STATE,
  };
}

/**
 * The read side of resolution: one statement brings the candidates, their member stories, the
 * database clock (the watermark apply checks rivals against) and whether an operator pinned the
 * story; then the pure ranking, and the chosen initiative's current state for the diff.
 */
export async function resolveStory(db: Db, itemId: string, story: Story): Promise<Resolution> {
  const query = candidateQuery(story, itemId);
  let profile: StoryProfile | null = null;
  for (let attempt = 1; ; attempt++) {
    const lookup = loadCandidates(db, query);
    // Handled here too: a look-up that fails during the yield below must not count as an
    // unhandled rejection (which ends the process); it still throws at `await lookup`.
    lookup.catch(() => undefined);
    if (!profile) {
      // While PostgreSQL runs the look-up (about a millisecond), view the story: ranking needs its
      // view (memoised on the object) and apply its profile. The pool sends the query on a later
      // tick, so yield once first, or this work would run before the query leaves.
      await new Promise<void>((r) => setImmediate(r));
      profile = storyProfile(story);
    }
    const found = await lookup;
    const pinned = found.pinned ? await pinnedDecision(db, itemId, story) : null;
    if (pinned) return { decision: pinned, seen: [pinned.initiativeId!], resolvedAt: found.now, profile };
    // Each candidate carries its member stories: a story joins an initiative when it matches any of
    // them (single linkage), which makes grouping independent of arrival order.
    const ranking = rankCandidates(
      story,
      found.candidates.map((r) => {
        const stories = r.members.map(memberStory).filter((s): s is Story => s !== null);
        // An initiative always has a mention; without one (hand-loaded data) score its merged state.
        return stories.length ? { ...toCandidate(r), members: stories } : toCandidate(r);
      }),
    );
    // Only the matched initiative's state is needed: the diff is computed against it and carries its
    // version (apply checks it). It came with the look-up when the match ranked among the first
    // CANDIDATES_WITH_STATE; otherwise it is read now.
    const best = ranking.best && found.candidates.find((c) => c.id === ranking.best!.id);
    const current = !best ? null : best.state ? { state: best.state, version: best.version } : await currentState(db, best.id);
    if (ranking.best && !current && attempt < 3) continue; // merged away meanwhile: look again
    if (ranking.best && !current) throw transient("resolve.candidate-vanished", `initiative ${ranking.best.id} was merged or removed while resolving`);
    return { decision: decisionFor(story, ranking, current), seen: found.candidates.map((r) => r.id), resolvedAt: found.now, profile };
  }
}

/** An operator's merge or split pinned this story: it goes where they put it, whatever the score. */
async function pinnedDecision(db: Db, itemId: string, story: Story): Promise<Decision | null> {
  const id = await pinnedInitiative(db, itemId);
  const row = id ? await getInitiative(db, id) : null;
  if (!row) return null;
  const d = diff(row.state, story);
  const news = significant(d);
  return { action: news ? "update" : "duplicate", initiativeId: row.id, baseVersion: row.version, score: 1, reasons: ["pinned to this initiative by an operator"], diff: news ? d : {}, alsoMatches: [] };
}

/** What apply is handed besides the story: the decision, what resolve saw, and the story's profile if resolve made one. */
export interface Resolved {
  decision: Decision;
  seen: string[];
  resolvedAt: Date | null;
  silent: boolean;
  /** Resolution.profile, as it came through the queue; ignored unless this code would have made it. */
  profile?: unknown;
}

/**
 * The write side: everything apply needs, computed from the story and the decision. With resolve's
 * profile the story is neither tokenised nor signed again (its MinHash is in the profile).
 */
export function applyInput(itemId: string, loaded: Story, r: Resolved): ApplyInput {
  const { decision } = r;
  const given = currentProfile(r.profile);
  const story = given && loaded.minhash === undefined ? { ...loaded, minhash: profileMinhash(given) } : loaded;
  const keys = indexKeys(story);
  const sig = storySignature(story); // already computed by indexKeys for this story object
  const indexed = [...keys.orgKeys, ...keys.nameKeys];
  return {
    itemId,
    action: decision.action,
    initiativeId: decision.initiativeId,
    baseVersion: decision.baseVersion,
    score: decision.score,
    reasons: decision.reasons,
    diff: decision.diff,
    seen: r.seen,
    resolvedAt: r.resolvedAt,
    silent: r.silent,
    seenAt: story.publishedAt ? new Date(story.publishedAt) : new Date(),
    lockKeys: [...indexed, ...keys.bandKeys],
    alsoMatches: decision.alsoMatches,
    minhash: Array.from(sig.minhash),
    profile: given ?? storyProfile(story),
    rebuild: rebuildFromStories,
    create: () => {
      const state = foundingState(story);
      return { id: timeOrderedId(), title: state.title, state, minhash: Array.from(sig.minhash), bandKeys: sig.bands, keys: indexed };
    },
    update: (current) => {
      const state = applyDiff(current.state, decision.diff);
      // mergeSignatures derives the bands of the merged MinHash itself.
      const merged = mergeSignatures({ minhash: current.minhash, bands: [] }, sig);
      return { title: state.title, state, minhash: Array.from(merged.minhash), bandKeys: newBands(current.minhash, merged.bands), keys: indexed };
    },
  };
}

/**
 * The merged signature's bands that the initiative is not yet filed under. Every write of an
 * initiative's MinHash also files it under that MinHash's bands (and rewrites after merges and
 * splits file it under their rebuilt signature's), so the bands of the MinHash read are already
 * in the index: only the ones the merge changed are written (none for a duplicate: its MinHash is
 * the initiative's), instead of probing the index for all of them.
 */
function newBands(current: number[], merged: string[]): string[] {
  const filed = new Set(bandKeys(current));
  return merged.filter((b) => !filed.has(b));
}
