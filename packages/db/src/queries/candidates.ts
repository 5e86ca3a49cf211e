import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
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
export async function findCandidates(db: Db, k: CandidateKeys, limit = 50): Promise<InitiativeRow[]> {
  const ids = await candidateIds(db, k, limit);
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

export async function getInitiative(db: Db, id: string): Promise<InitiativeRow | null> {
  const rows = await db.select().from(initiatives).where(eq(initiatives.id, id)).limit(1);
  return rows[0] ?? null;
}
