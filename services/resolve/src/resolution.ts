import { randomUUID } from "node:crypto";
import type { Decision } from "@radar/core";
import {
  IN_FLIGHT_MARGIN_MS,
  candidateIds,
  getInitiative,
  initiativesByIds,
  membersOf,
  pinnedInitiative,
  type ApplyInput,
  type Db,
} from "@radar/db";
import { applyDiff, decide, diff, indexKeys, initialState, mergeSignatures, significant, storySignature, type Story } from "@radar/resolve";
import { asStory, rebuildFromStories } from "./rebuild.js";
import { toCandidate } from "./story.js";

/** The best-matching initiatives by shared keys; more cost time in decide and bring no better match. */
export const CANDIDATE_LIMIT = 30;

/**
 * Bound on the stories loaded per candidate. An initiative reported more often than this is scored
 * against its newest reports (and its merged state); order independence holds below it.
 */
export const MEMBERS_PER_CANDIDATE = 40;

export interface Resolution {
  decision: Decision;
  /** Initiatives resolve compared the story with. */
  seen: string[];
  /** Database time of the read: only initiatives created later can be rivals at apply. */
  resolvedAt: Date;
}

/**
 * The read side of resolution, in two rounds of parallel queries: candidate ids (with the database
 * clock as watermark) beside the operator-pin look-up, then the candidates' rows beside their
 * member stories.
 */
export async function resolveStory(db: Db, itemId: string, story: Story): Promise<Resolution> {
  const keys = indexKeys(story);
  const query = { bandKeys: keys.bandKeys, keys: [...keys.orgKeys, ...keys.nameKeys], limit: CANDIDATE_LIMIT, recentWithinMs: IN_FLIGHT_MARGIN_MS };
  const [found, pinned] = await Promise.all([candidateIds(db, query), pinnedDecision(db, itemId, story)]);
  if (pinned) return { decision: pinned, seen: [pinned.initiativeId!], resolvedAt: found.now };
  const [rows, members] = await Promise.all([initiativesByIds(db, found.ids), membersOf(db, found.ids, MEMBERS_PER_CANDIDATE)]);
  // Each candidate carries its member stories: a story joins an initiative when it matches any of
  // them (single linkage), which makes grouping independent of arrival order.
  const decision = decide(
    story,
    rows.map((r) => {
      const stories = members.get(r.id);
      // An initiative always has a mention; without one (hand-loaded data) score its merged state.
      return stories?.length ? { ...toCandidate(r), members: stories.map(asStory) } : toCandidate(r);
    }),
  );
  return { decision, seen: rows.map((r) => r.id), resolvedAt: found.now };
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

/** The write side: everything apply's transaction needs, computed from the story and the decision. */
export function applyInput(itemId: string, story: Story, r: { decision: Decision; seen: string[]; resolvedAt: Date | null; silent: boolean }): ApplyInput {
  const { decision } = r;
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
    rebuild: rebuildFromStories,
    create: () => {
      const state = initialState(story);
      return { id: randomUUID(), title: state.title, state, minhash: Array.from(sig.minhash), bandKeys: sig.bands, keys: indexed };
    },
    update: (current) => {
      const state = applyDiff(current.state, decision.diff);
      // mergeSignatures derives the bands of the merged MinHash itself.
      const merged = mergeSignatures({ minhash: current.minhash, bands: [] }, sig);
      return { title: state.title, state, minhash: Array.from(merged.minhash), bandKeys: merged.bands, keys: indexed };
    },
  };
}
