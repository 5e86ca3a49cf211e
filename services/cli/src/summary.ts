import { sql } from "drizzle-orm";
import type { Db } from "@radar/db";

export interface PipelineSummary {
  articles: { total: number; analyzed: number; failed: number };
  stories: Record<string, number>;
  initiatives: number;
  decisions: Record<string, number>;
}

async function countBy(db: Db, query: ReturnType<typeof sql>): Promise<Record<string, number>> {
  const res = await db.execute(query);
  const rows = (res as unknown as { rows: Array<{ k: string; n: number | string }> }).rows;
  return Object.fromEntries(rows.map((r) => [r.k, Number(r.n)]));
}

export async function pipelineSummary(db: Db): Promise<PipelineSummary> {
  const articles = await countBy(db, sql`select status as k, count(*) as n from articles group by status`);
  const stories = await countBy(db, sql`select kind as k, count(*) as n from items group by kind`);
  const decisions = await countBy(db, sql`select decision as k, count(*) as n from mentions group by decision`);
  const initiatives = await countBy(db, sql`select 'all' as k, count(*) as n from initiatives where merged_into is null`);
  const total = Object.values(articles).reduce((a, b) => a + b, 0);
  return {
    articles: { total, analyzed: articles.analyzed ?? 0, failed: articles.failed ?? 0 },
    stories,
    initiatives: initiatives.all ?? 0,
    decisions,
  };
}

export function printSummary(s: PipelineSummary, digestPath: string | null, seconds: number): void {
  const storyTotal = Object.values(s.stories).reduce((a, b) => a + b, 0);
  const kinds = Object.entries(s.stories)
    .sort()
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  const lines = [
    `articles:    ${s.articles.total} (${s.articles.analyzed} analyzed, ${s.articles.failed} failed)`,
    `stories:     ${storyTotal}${kinds ? ` (${kinds})` : ""}`,
    `initiatives: ${s.initiatives} — ${s.decisions.new ?? 0} new, ${s.decisions.update ?? 0} updated, ${s.decisions.duplicate ?? 0} duplicate`,
    `digest:      ${digestPath ?? "(not written)"}`,
    `took:        ${seconds.toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}
