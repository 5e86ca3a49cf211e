import { sql } from "drizzle-orm";
import type { Db } from "../client.js";

export interface ArticleProgress {
  id: string;
  status: string;
  error: string | null;
  /** Stories that should reach an initiative but have no mention yet. */
  unresolved: number;
}

/**
 * Where each article stands: done when analyzed (or failed) and every story that can become an
 * initiative (initiative kind, or a teaser naming a body) has its mention.
 */
export async function articleProgress(db: Db, ids: string[]): Promise<ArticleProgress[]> {
  if (ids.length === 0) return [];
  const res = await db.execute(sql`
    select a.id, a.status, a.error,
      (select count(*) from items i
        where i.article_id = a.id
          and (i.kind = 'initiative' or (i.kind = 'teaser' and jsonb_array_length(i.analysis->'orgs') > 0))
          and not exists (select 1 from mentions m where m.item_id = i.id))::int as unresolved
    from articles a where a.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`);
  const rows = (res as unknown as { rows: Array<{ id: string; status: string; error: string | null; unresolved: number }> }).rows;
  return rows.map((r) => ({ ...r, unresolved: Number(r.unresolved) }));
}

export function isSettled(p: ArticleProgress): boolean {
  return p.status === "failed" || (p.status === "analyzed" && p.unresolved === 0);
}
