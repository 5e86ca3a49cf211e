/**
 * EXPLAIN ANALYZE of resolve's look-up for a story: the query inside radar_candidates (read back
 * from pg_proc, its parameters bound), since EXPLAIN of the function call shows only the call.
 */
import type pg from "pg";
import { CANDIDATES_SQL, candidateParams } from "@radar/db";
import type { Story } from "@radar/resolve";
import { CANDIDATES_PER_KEY, candidateQuery } from "../services/resolve/src/resolution.js";

const PARAMS = ["p_keys", "p_bands", "p_per_key", "p_limit", "p_recent", "p_profile", "p_members", "p_item", "p_states"];
const TYPES = ["text[]", "text[]", "int", "int", "boolean", "text", "int", "text", "int"];

export async function explainCandidates(pool: pg.Pool, story: Story): Promise<string> {
  const q = candidateQuery(story, "bench");
  const keys = q.keys;
  const params = candidateParams(q);
  const src = (await pool.query(`select prosrc from pg_proc where proname = 'radar_candidates'`)).rows[0]?.prosrc as string;
  let query = src.slice(src.indexOf("RETURN QUERY") + "RETURN QUERY".length, src.lastIndexOf(";"));
  PARAMS.forEach((p, i) => (query = query.replace(new RegExp(`\\b${p}\\b`, "g"), `$${i + 1}::${TYPES[i]}`)));
  const res = await pool.query(`explain (analyze, buffers) ${query}`, params);
  const sizes = await pool.query(`select key, count(*)::int as n from initiative_keys where key = any($1) group by key order by n desc`, [keys]);
  return [
    `-- candidates (${keys.length} keys, ${q.bandKeys.length} bands)`,
    ...res.rows.map((r) => r["QUERY PLAN"] as string),
    `-- rows per key (each read at most ${CANDIDATES_PER_KEY}): ${sizes.rows.map((r) => `${r.key}=${r.n}`).join(", ")}`,
  ].join("\n");
}

/**
 * Execution time of the look-up inside PostgreSQL (EXPLAIN ANALYZE of the function call, so the
 * same generic plan the worker runs), for stories the store has not seen: what resolve's latency
 * would be with no client, network or JavaScript at all.
 */
export async function serverLookupTimes(pool: pg.Pool, stories: Story[]): Promise<number[]> {
  const out: number[] = [];
  for (const story of stories) {
    const res = await pool.query(`explain (analyze, format json) ${CANDIDATES_SQL}`, candidateParams(candidateQuery(story, "bench")));
    out.push((res.rows[0]["QUERY PLAN"] as Array<{ "Execution Time": number }>)[0]!["Execution Time"]);
  }
  return out;
}
