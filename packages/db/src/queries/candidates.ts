import { eq } from "drizzle-orm";
import type { AnalyzedItem, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import { initiatives } from "../schema/initiatives.js";
import { preparedRows } from "./prepared.js";

export type InitiativeRow = typeof initiatives.$inferSelect;

export interface CandidateQuery {
  bandKeys: string[];
  /** Organisation and distinctive-name keys ("org:RKL", "money:29000000", …). */
  keys: string[];
  limit: number;
  /** Initiatives created within IN_FLIGHT_MARGIN_MS (database clock) always take part; see below. */
  includeRecent?: boolean;
  /** Rows read per key and per band, most recently reported first (default 50). */
  perKey?: number;
  /** Member stories returned per candidate, newest first (default 40). */
  membersPer?: number;
  /** Profiles of this format come back as they are; other mentions bring their story instead. */
  profileFormat?: number;
  /** The story's item: the result says whether an operator pinned it (see pins). */
  itemId?: string;
  /** The best-ranked candidates that also bring their state (default 0; see CandidateRow.state). */
  withState?: number;
}

/** One story of a candidate: its stored profile when current, else the story itself. */
export interface CandidateMember {
  profile: Record<string, unknown> | null;
  story: { item: AnalyzedItem; articleTitle: string | null; publishedAt: string | null; source: string; minhash: number[] | null } | null;
}

export interface CandidateRow {
  id: string;
  version: number;
  /**
   * The merged state, for an initiative without members (scored on it) and for the `withState`
   * best-ranked candidates (read in the same snapshot as `version`); null otherwise.
   */
  state: InitiativeState | null;
  /** The merged MinHash; empty when the initiative has members (they are scored instead). */
  minhash: number[];
  firstSeen: Date;
  lastSeen: Date;
  members: CandidateMember[];
}

// One statement: the function radar_candidates (migrations 0007 and 0008 hold its SQL; the latest wins), called as a
// prepared statement. Every key and band is read as a short index range: at most perKey rows each,
// the most recently reported first (initiative_keys_recent_idx), so a trust with thousands of
// initiatives costs what a small one does. Keys count double (a shared organisation or programme
// name says more than one band). With includeRecent, initiatives created within
// IN_FLIGHT_MARGIN_MS always take part however common their keys: apply treats an unseen recent
// initiative sharing a key as a rival, so resolve must have seen every recent one. The database
// clock comes back too (the watermark apply compares creation times with), and whether an
// operator pinned the story. Members come back as one JSON text: current profiles verbatim, the
// story itself for a mention without one. The merged state and MinHash come back only for an
// initiative without members. As a function, its plan is made once per connection (a generic
// plan, forced): as a plain statement PostgreSQL re-planned it on every call on some stores, which
// cost as much as running it.
export const CANDIDATES_SQL = "select * from radar_candidates($1::text[], $2::text[], $3::int, $4::int, $5::boolean, $6::text, $7::int, $8::text, $9::int)";

interface Raw {
  now: Date | string;
  pinned: boolean;
  id: string | null;
  version: number;
  state: InitiativeState | null;
  minhash: number[] | null;
  first_seen: Date | string;
  last_seen: Date | string;
  /** JSON text: an array of profiles and { story } objects. */
  members: string | null;
}

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

type StoryJson = Omit<NonNullable<CandidateMember["story"]>, "publishedAt"> & { publishedAt: string | null };

function parseMembers(text: string | null): CandidateMember[] {
  const xs = JSON.parse(text ?? "[]") as Array<Record<string, unknown>>;
  return xs.map((x) => {
    if (!("story" in x)) return { profile: x, story: null };
    const st = x.story as StoryJson;
    // json_build_object renders timestamps as text: normalise to the ISO form stories use.
    return { profile: null, story: { ...st, publishedAt: st.publishedAt ? new Date(st.publishedAt).toISOString() : null } };
  });
}

/** CANDIDATES_SQL's parameters, in order (exported for EXPLAIN in the benchmark). */
export function candidateParams(q: CandidateQuery): unknown[] {
  return [q.keys, q.bandKeys, q.perKey ?? 50, q.limit, q.includeRecent ?? false, String(q.profileFormat ?? 0), q.membersPer ?? 40, q.itemId ?? "", q.withState ?? 0];
}

/**
 * The story's candidate initiatives with their member stories, the database time of the read and
 * whether an operator pinned the story, in one round trip. Merged initiatives are left out.
 */
export async function loadCandidates(db: Db, q: CandidateQuery): Promise<{ now: Date; pinned: boolean; candidates: CandidateRow[] }> {
  const rows = await preparedRows<Raw>(db, "radar_candidates_fn_v2", CANDIDATES_SQL, candidateParams(q));
  const now = asDate(rows[0]!.now);
  const candidates = rows
    .filter((r) => r.id !== null)
    .map((r) => ({
      id: r.id!,
      version: r.version,
      state: r.state,
      minhash: r.minhash ?? [],
      firstSeen: asDate(r.first_seen),
      lastSeen: asDate(r.last_seen),
      members: parseMembers(r.members),
    }));
  return { now, pinned: rows[0]!.pinned, candidates };
}

/** Candidate initiatives for keys (ids and content; see loadCandidates). */
export async function findCandidates(db: Db, q: CandidateQuery): Promise<CandidateRow[]> {
  return (await loadCandidates(db, q)).candidates;
}

export async function getInitiative(db: Db, id: string): Promise<InitiativeRow | null> {
  const rows = await db.select().from(initiatives).where(eq(initiatives.id, id)).limit(1);
  return rows[0] ?? null;
}

/** The current state and version of one live initiative (null once merged or gone). */
export async function currentState(db: Db, id: string): Promise<{ state: InitiativeState; version: number } | null> {
  // Prepared too: it follows every look-up that matched.
  const rows = await preparedRows<{ state: InitiativeState; version: number }>(db, "radar_current_state_v1", "select state, version from initiatives where id = $1 and merged_into is null", [id]);
  return rows[0] ?? null;
}
