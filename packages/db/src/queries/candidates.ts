import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { initiativeKeys, signatureBands } from "../schema/index-keys.js";
import { initiatives } from "../schema/initiatives.js";

export type InitiativeRow = typeof initiatives.$inferSelect;

export interface CandidateKeys {
  bandKeys: string[];
  /** Organisation and distinctive-name keys ("org:RKL", "money:29000000", …). */
  keys: string[];
}

export interface CandidateQuery extends CandidateKeys {
  limit: number;
  /** Initiatives created this recently (database clock) always take part; see below. */
  recentWithinMs?: number;
}

/**
 * Initiatives that share an LSH band or a key with the story, most shared first, with the
 * database time of the read. Both tables are indexed on the key, so a look-up costs a few index
 * probes however many initiatives exist; keys count double (a shared organisation or programme
 * name says more than one band). Initiatives created within `recentWithinMs` always take part,
 * however common their keys: apply treats an unseen recent initiative as a rival, so resolve must
 * have seen every recent one.
 */
export async function candidateIds(db: Db, q: CandidateQuery): Promise<{ ids: string[]; now: Date }> {
  const bands = inList(q.bandKeys);
  const keys = inList(q.keys);
  const recent =
    q.recentWithinMs !== undefined
      ? sql`union all
        select i.id, 0 from ${initiatives} i
        where i.created_at > now() - make_interval(secs => ${q.recentWithinMs / 1000}) and i.merged_into is null
          and i.id in (select initiative_id from ${initiativeKeys} where key in (${keys})
                       union select initiative_id from ${signatureBands} where band_key in (${bands}))`
      : sql``;
  const res = await db.execute(sql`
    with hits as (
      select initiative_id as id, count(*) as n from ${signatureBands} where band_key in (${bands}) group by 1
      union all
      select initiative_id as id, 2 * count(*) as n from ${initiativeKeys} where key in (${keys}) group by 1
    ), ranked as (
      select id, sum(n) as score from hits group by id order by score desc, id limit ${q.limit}
    ), found as (
      select id, max(score) as score from (select id, score from ranked ${recent}) c group by id
    )
    select now() as now, coalesce(array_agg(id order by score desc, id) filter (where id is not null), '{}') as ids
    from (select 1) one left join found on true`);
  const row = (res as unknown as { rows: Array<{ now: string | Date; ids: string[] | string }> }).rows[0]!;
  return { ids: parseTextArray(row.ids), now: new Date(row.now) };
}

/** node-postgres parses text[]; PGlite may hand back the literal. */
function parseTextArray(v: string[] | string): string[] {
  if (Array.isArray(v)) return v;
  const inner = v.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((x) => x.replace(/^"|"$/g, "")) : [];
}

/** The initiatives themselves, in the given order, merged ones left out. */
export async function initiativesByIds(db: Db, ids: string[]): Promise<InitiativeRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(initiatives).where(and(inArray(initiatives.id, ids), isNull(initiatives.mergedInto)));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/** Candidate rows for a story (ids, then rows). */
export async function findCandidates(db: Db, q: CandidateQuery): Promise<InitiativeRow[]> {
  return initiativesByIds(db, (await candidateIds(db, q)).ids);
}

const inList = (xs: string[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql`null`);

/** The database's clock: the one clock every worker on every machine shares. */
export async function databaseNow(db: Db): Promise<Date> {
  const res = await db.execute(sql`select now() as now`);
  const row = (res as unknown as { rows: Array<{ now: string | Date }> }).rows[0]!;
  return new Date(row.now);
}

export async function getInitiative(db: Db, id: string): Promise<InitiativeRow | null> {
  const rows = await db.select().from(initiatives).where(eq(initiatives.id, id)).limit(1);
  return rows[0] ?? null;
}
