import { and, eq, gte } from "drizzle-orm";
import type { AnalyzedItem } from "@radar/core";
import type { Db } from "../client.js";
import { items } from "../schema/items.js";

export const itemIdFor = (articleId: string, ordinal: number) => `${articleId}-${ordinal}`;

/**
 * Writes an article's stories (idempotent: same ids for the same article and ordinal) and drops
 * stories left over from an older analysis that split the article into more pieces.
 */
export async function replaceItems(db: Db, articleId: string, analyzerVersion: string, analyzed: AnalyzedItem[]): Promise<string[]> {
  return db.transaction(async (tx) => {
    const ids: string[] = [];
    for (const item of analyzed) {
      const id = itemIdFor(articleId, item.ordinal);
      const row = {
        id,
        articleId,
        ordinal: item.ordinal,
        heading: item.heading,
        text: item.text,
        kind: item.kind,
        primaryOrg: item.orgs[0]?.code ?? item.orgs[0]?.name ?? null,
        region: item.region,
        icb: item.icb,
        status: item.status,
        analysis: item,
        analyzerVersion,
      };
      await tx.insert(items).values(row).onConflictDoUpdate({ target: items.id, set: { ...row, createdAt: new Date() } });
      ids.push(id);
    }
    await tx.delete(items).where(and(eq(items.articleId, articleId), gte(items.ordinal, analyzed.length)));
    return ids;
  });
}

export async function getItem(db: Db, id: string) {
  const rows = await db.select().from(items).where(eq(items.id, id)).limit(1);
  return rows[0] ?? null;
}
