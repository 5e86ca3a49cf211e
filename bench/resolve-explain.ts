/** EXPLAIN ANALYZE of the one statement resolve runs for a story (CANDIDATES_SQL), raw pg. */
import type pg from "pg";
import { CANDIDATES_SQL, candidateParams } from "@radar/db";
import { PROFILE_FORMAT, indexKeys, type Story } from "@radar/resolve";
import { CANDIDATES_PER_KEY, CANDIDATE_LIMIT, MEMBERS_PER_CANDIDATE } from "../services/resolve/src/resolution.js";

export async function explainCandidates(pool: pg.Pool, story: Story): Promise<string> {
  const k = indexKeys(story);
  const keys = [...k.orgKeys, ...k.nameKeys];
  const params = candidateParams({
    keys,
    bandKeys: k.bandKeys,
    limit: CANDIDATE_LIMIT,
    perKey: CANDIDATES_PER_KEY,
    membersPer: MEMBERS_PER_CANDIDATE,
    profileFormat: PROFILE_FORMAT,
    includeRecent: true,
  });
  const res = await pool.query(`explain (analyze, buffers) ${CANDIDATES_SQL}`, params);
  const sizes = await pool.query(`select key, count(*)::int as n from initiative_keys where key = any($1) group by key order by n desc`, [keys]);
  return [
    `-- candidates (${keys.length} keys, ${k.bandKeys.length} bands)`,
    ...res.rows.map((r) => r["QUERY PLAN"] as string),
    `-- rows per key (each read at most ${CANDIDATES_PER_KEY}): ${sizes.rows.map((r) => `${r.key}=${r.n}`).join(", ")}`,
  ].join("\n");
}
