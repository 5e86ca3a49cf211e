import { and, desc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
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
 */
export async function findCandidates(db: Db, k: CandidateKeys, limit = 50, recentSince?: Date): Promise<InitiativeRow[]> {
  const top = await candidateIds(db, k, limit);
  // Initiatives created moments ago always take part, however common their keys: apply treats
  // an unseen recent initiative as a rival, so resolve must have seen every recent one.
  const recent = recentSince ? await recentIds(db, k, recentSince) : [];
  const ids = [...new Set([...top, ...recent])];
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(initiatives)
    .where(and(inArray(initiatives.id, ids), isNull(initiatives.mergedInto)));
  const order = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

export async function candidateIds(db: Db, k: CandidateKeys, limit = 50): Promise<string[]> {
  const hits = new Map<string, number>();
  if (k.bandKeys.length > 0) {
    const rows = await db
      .select({ id: signatureBands.initiativeId, n: sql<number>`count(*)::int` })
      .from(signatureBands)
      .where(inArray(signatureBands.bandKey, k.bandKeys))
      .groupBy(signatureBands.initiativeId)
      .orderBy(desc(sql`count(*)`))
      .limit(limit * 4);
    for (const r of rows) hits.set(r.id, (hits.get(r.id) ?? 0) + Number(r.n));
  }
  if (k.keys.length > 0) {
    const rows = await db
      .select({ id: initiativeKeys.initiativeId, n: sql<number>`count(*)::int` })
      .from(initiativeKeys)
      .where(inArray(initiativeKeys.key, k.keys))
      .groupBy(initiativeKeys.initiativeId)
      .orderBy(desc(sql`count(*)`))
      .limit(limit * 4);
    for (const r of rows) hits.set(r.id, (hits.get(r.id) ?? 0) + 2 * Number(r.n));
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([id]) => id);
}

async function recentIds(db: Db, k: CandidateKeys, since: Date): Promise<string[]> {
  const keys = [...k.keys, ...k.bandKeys];
  if (keys.length === 0) return [];
  const rows = await db
    .selectDistinct({ id: initiatives.id })
    .from(initiatives)
    .innerJoin(initiativeKeys, eq(initiativeKeys.initiativeId, initiatives.id))
    .where(and(gt(initiatives.createdAt, since), inArray(initiativeKeys.key, keys), isNull(initiatives.mergedInto)))
    .limit(500);
  const bands = await db
    .selectDistinct({ id: initiatives.id })
    .from(initiatives)
    .innerJoin(signatureBands, eq(signatureBands.initiativeId, initiatives.id))
    .where(and(gt(initiatives.createdAt, since), inArray(signatureBands.bandKey, keys), isNull(initiatives.mergedInto)))
    .limit(500);
  return [...new Set([...rows, ...bands].map((r) => r.id))];
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
