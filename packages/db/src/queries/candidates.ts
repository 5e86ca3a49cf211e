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

/**
 * Initiatives that share an LSH band or a key with the story, most shared first. Both tables are
 * indexed on the key, so a look-up costs a few index probes however many initiatives exist.
 * Keys count double: a shared organisation or programme name says more than one band.
 * Initiatives created since `recentSince` always take part, however common their keys: apply
 * treats an unseen recent initiative as a rival, so resolve must have seen every recent one.
 */
export async function findCandidates(db: Db, k: CandidateKeys, limit = 50, recentSince?: Date): Promise<InitiativeRow[]> {
  const ids = await candidateIds(db, k, limit, recentSince);
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(initiatives)
    .where(and(inArray(initiatives.id, ids), isNull(initiatives.mergedInto)));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

const inList = (xs: string[]) => (xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql`null`);

/** Candidate ids, best first, in one round trip (ranking and recent initiatives together). */
export async function candidateIds(db: Db, k: CandidateKeys, limit = 50, recentSince?: Date): Promise<string[]> {
  if (k.bandKeys.length === 0 && k.keys.length === 0) return [];
  const bands = inList(k.bandKeys);
  const keys = inList(k.keys);
  const recent = recentSince
    ? sql`union all
        select i.id, 0 from ${initiatives} i
        where i.created_at > ${recentSince.toISOString()} and i.merged_into is null
          and (exists (select 1 from ${initiativeKeys} ik where ik.initiative_id = i.id and ik.key in (${keys}))
            or exists (select 1 from ${signatureBands} sb where sb.initiative_id = i.id and sb.band_key in (${bands})))`
    : sql``;
  const res = await db.execute(sql`
    with hits as (
      select initiative_id as id, count(*) as n from ${signatureBands} where band_key in (${bands}) group by 1
      union all
      select initiative_id as id, 2 * count(*) as n from ${initiativeKeys} where key in (${keys}) group by 1
    ), ranked as (
      select id, sum(n) as score from hits group by id order by score desc, id limit ${limit}
    )
    select id, max(score) as score from (select id, score from ranked ${recent}) c group by id order by score desc, id`);
  return (res as unknown as { rows: Array<{ id: string }> }).rows.map((r) => r.id);
}

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
