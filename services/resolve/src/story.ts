import type { AnalyzedItem } from "@radar/core";
import { getArticle, getItem } from "@radar/db";
import { permanent } from "@radar/core";
import { emptyState, type Candidate, type Story } from "@radar/resolve";
import type { Db } from "@radar/db";

/**
 * Sponsored (vendor) and opinion stories never become initiatives; a teaser does only when it
 * names a concrete body.
 */
export function isResolvable(item: AnalyzedItem): boolean {
  if (item.kind === "initiative") return true;
  return item.kind === "teaser" && item.orgs.length > 0;
}

export async function loadStory(db: Db, itemId: string): Promise<{ story: Story; item: AnalyzedItem } | null> {
  const row = await getItem(db, itemId);
  if (!row) return null;
  const article = await getArticle(db, row.articleId);
  if (!article) throw permanent("article-missing", `article ${row.articleId} of item ${itemId} is not in the store`);
  const story: Story = {
    item: row.analysis,
    articleTitle: article.title ?? article.feedTitle,
    publishedAt: article.publishedAt?.toISOString() ?? null,
    source: article.canonicalUrl,
  };
  return { story, item: row.analysis };
}

/** Scoring reads a candidate's MinHash, never its band keys: they are not recomputed here. */
export function toCandidate(row: { id: string; version: number; state: Candidate["state"] | null; minhash: number[]; firstSeen: Date; lastSeen: Date }): Candidate {
  return {
    id: row.id,
    version: row.version,
    // Without its state the candidate is scored through its members (see loadCandidates).
    state: row.state ?? emptyState(),
    signature: { minhash: row.minhash, bands: [] },
    firstSeen: row.firstSeen.toISOString(),
    lastSeen: row.lastSeen.toISOString(),
  };
}
