/** EXPLAIN ANALYZE of the candidate look-up findCandidates runs (same SQL shape, raw pg). */
import type pg from "pg";
import { indexKeys, type Story } from "@radar/resolve";

async function plan(pool: pg.Pool, title: string, sql: string, params: unknown[]): Promise<string> {
  const res = await pool.query(`explain (analyze, buffers) ${sql}`, params);
  return `-- ${title}\n${res.rows.map((r) => r["QUERY PLAN"]).join("\n")}`;
}

export async function explainCandidates(pool: pg.Pool, story: Story): Promise<string> {
  const k = indexKeys(story);
  const keys = [...k.orgKeys, ...k.nameKeys];
  const out = [
    await plan(pool, `band query (${k.bandKeys.length} band keys)`,
      `select initiative_id, count(*)::int from signature_bands where band_key = any($1) group by initiative_id order by count(*) desc limit 200`, [k.bandKeys]),
    await plan(pool, `key query (${keys.join(", ")})`,
      `select initiative_id, count(*)::int from initiative_keys where key = any($1) group by initiative_id order by count(*) desc limit 200`, [keys]),
  ];
  const ids = await pool.query(`select initiative_id from initiative_keys where key = any($1) group by initiative_id order by count(*) desc limit 50`, [keys]);
  out.push(await plan(pool, "initiative rows (50 ids)", `select * from initiatives where id = any($1) and merged_into is null`, [ids.rows.map((r) => r.initiative_id)]));
  const sizes = await pool.query(
    `select key, count(*)::int as n from initiative_keys where key = any($1) group by key order by n desc`, [keys]);
  out.push(`-- rows per key: ${sizes.rows.map((r) => `${r.key}=${r.n}`).join(", ")}`);
  return out.join("\n");
}
