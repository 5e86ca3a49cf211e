import { eq } from "drizzle-orm";
import type { AnalyzedItem, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import { initiatives } from "../schema/initiatives.js";
import { IN_FLIGHT_MARGIN_MS } from "./apply.js";
import { preparedRows } from "./prepared.js";

export type InitiativeRow = typeof initiatives.$inferSelect;

export interface CandidateKeys {
  bandKeys: string[];
  /** Organisation and distinctive-name keys ("org:RKL", "money:29000000", …). */
  keys: string[];
}

export interface CandidateQuery extends CandidateKeys {
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
}

/** One story of a candidate: its stored profile when current, else the story itself. */
export interface CandidateMember {
  profile: Record<string, unknown> | null;
  story: { item: AnalyzedItem; articleTitle: string | null; publishedAt: string | null; source: string; minhash: number[] | null } | null;
}

export interface CandidateRow {
  id: string;
  version: number;
  /** The merged state, only for an initiative without members (see CANDIDATES_SQL). */
  state: InitiativeState | null;
  /** The merged MinHash; empty when the initiative has members (they are scored instead). */
  minhash: number[];
  firstSeen: Date;
  lastSeen: Date;
  members: CandidateMember[];
}

// One statement, prepared once per connection. Every key and band is read as a short index range:
// at most $3 rows each, the most recently reported first (initiative_keys_recent_idx), so a trust
// with thousands of initiatives costs what a small one does. Keys count double (a shared
// organisation or programme name says more than one band). With $5, initiatives created within
// IN_FLIGHT_MARGIN_MS always take part however common their keys: apply treats an unseen recent
// initiative sharing a key as a rival, so resolve must have seen every recent one. The database
// clock comes back too: it is the watermark apply compares creation times with.
// The margin is written into the text, not passed: with a literal interval the planner estimates
// "created in the last minute" as the handful of rows it is, so PostgreSQL settles on one cached
// generic plan (planning costs as much as running here); with a parameter it re-plans every call.
export const CANDIDATES_SQL = `
with
  kk as (select distinct k from unnest($1::text[]) as k),
  bk as (select distinct k from unnest($2::text[]) as k),
  hits as (
    select x.initiative_id as id, 2 as n, x.seen_at as seen
      from kk cross join lateral (
        select initiative_id, seen_at from initiative_keys where key = kk.k order by seen_at desc nulls last limit $3) x
    union all
    select x.initiative_id, 1, null
      from bk cross join lateral (select initiative_id from signature_bands where band_key = bk.k limit $3) x
  ),
  ranked as (
    select id, sum(n)::int as score, max(seen) as seen from hits group by id
    order by score desc, seen desc nulls last, id limit $4
  ),
  recent as (
    select i.id, 0 as score, null::timestamptz as seen from initiatives i
    where $5::boolean and i.created_at > now() - interval '${IN_FLIGHT_MARGIN_MS / 1000} seconds' and i.merged_into is null
      and i.id in (select initiative_id from initiative_keys where key = any($1::text[])
                   union select initiative_id from signature_bands where band_key = any($2::text[]))
  ),
  found as (
    select id, max(score) as score, max(seen) as seen from (select * from ranked union all select * from recent) c group by id
  )
select now() as now, exists (select 1 from pins where item_id = $8) as pinned,
  i.id, i.version, i.first_seen, i.last_seen, mem.members,
  -- The merged state and MinHash are scored only for an initiative without member stories
  -- (hand-loaded); otherwise the members are, and resolve reads the chosen one's state afterwards.
  case when mem.n = 0 then i.state end as state,
  case when mem.n = 0 then i.minhash end as minhash
from (select 1) as one
left join (found f join initiatives i on i.id = f.id and i.merged_into is null) on true
-- Members as one JSON text: current profiles verbatim (json column: no conversion), the story
-- itself for a mention without one. Text concatenation costs a fraction of json_agg here.
left join lateral (
  select count(*) as n, '[' || coalesce(string_agg(
           case when m.profile->>'v' = $6 then m.profile::text
           else (select json_build_object('story', json_build_object('item', it.analysis, 'articleTitle', coalesce(a.title, a.feed_title),
                          'publishedAt', a.published_at, 'source', a.canonical_url, 'minhash', m.minhash))::text
                 from items it join articles a on a.id = it.article_id where it.id = m.item_id) end,
           ',' order by m.created_at desc), '') || ']' as members
  from (select item_id, profile, minhash, created_at from mentions where initiative_id = i.id order by created_at desc limit $7) m
) mem on true
order by f.score desc nulls last, f.seen desc nulls last, i.id`;

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
  return [q.keys, q.bandKeys, q.perKey ?? 50, q.limit, q.includeRecent ?? false, String(q.profileFormat ?? 0), q.membersPer ?? 40, q.itemId ?? ""];
}

/**
 * The story's candidate initiatives with their member stories, the database time of the read and
 * whether an operator pinned the story, in one round trip. Merged initiatives are left out.
 */
export async function loadCandidates(db: Db, q: CandidateQuery): Promise<{ now: Date; pinned: boolean; candidates: CandidateRow[] }> {
  const rows = await preparedRows<Raw>(db, "radar_candidates_v6", CANDIDATES_SQL, candidateParams(q));
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
