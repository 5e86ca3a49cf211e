/**
 * Bulk-loads synthetic initiatives straight into the store's tables: one multi-row statement per
 * table and batch (jsonb_to_recordset / unnest), the way a COPY would, bypassing applyStory.
 * Rows are what applyStory would write: initialState, the story's MinHash and band keys, org/name
 * keys from indexKeys (seen at the story's date) and the story's scoring profile on its mention.
 */
import type pg from "pg";
import type { OrgRef } from "@radar/core";
import { indexKeys, initialState, signature, storyProfile, storyText } from "@radar/resolve";
import { makeStory } from "./resolve-data.js";

export const initiativeId = (i: number) => `ini-${String(i).padStart(7, "0")}`;

interface Batch {
  rows: object[];
  /** The story each initiative was made from: its article, item and mention (its one member). */
  stories: object[];
  bandKey: string[];
  bandId: string[];
  key: string[];
  keyId: string[];
  keySeen: string[];
}

function buildBatch(from: number, to: number, orgs: OrgRef[]): Batch {
  const b: Batch = { rows: [], stories: [], bandKey: [], bandId: [], key: [], keyId: [], keySeen: [] };
  for (let i = from; i < to; i++) {
    const story = makeStory(i, orgs);
    const id = initiativeId(i);
    const state = initialState(story);
    const sig = signature(storyText(story));
    // Org and name keys do not depend on the text; an empty text skips a second MinHash.
    const keys = indexKeys({ ...story, item: { ...story.item, text: "", heading: null } });
    b.rows.push({
      id,
      title: state.title,
      primary_org: state.orgs[0] ?? null,
      region: state.region,
      icb: state.icb,
      status: state.status,
      state,
      minhash: Array.from(sig.minhash),
      first_seen: story.publishedAt,
      last_seen: story.publishedAt,
    });
    b.stories.push({ id, url: `https://bench.example/${id}/`, published: story.publishedAt, item: story.item, text: story.item.text, minhash: Array.from(sig.minhash), profile: storyProfile({ ...story, source: `https://bench.example/${id}/`, minhash: sig.minhash }) });
    for (const k of new Set(sig.bands)) b.bandKey.push(k), b.bandId.push(id);
    for (const k of new Set([...keys.orgKeys, ...keys.nameKeys])) b.key.push(k), b.keyId.push(id), b.keySeen.push(story.publishedAt ?? new Date(0).toISOString());
  }
  return b;
}

async function insertBatch(client: pg.PoolClient, b: Batch): Promise<void> {
  await client.query(
    // created_at as in a store that has been running: these initiatives predate the benchmark.
    `insert into initiatives (id, title, primary_org, region, icb, status, state, minhash, version, first_seen, last_seen, created_at)
     select id, title, primary_org, region, icb, status, state, minhash, 1, first_seen, last_seen, now() - interval '1 day'
     from jsonb_to_recordset($1::jsonb) as x(id text, title text, primary_org text, region text, icb text, status text,
       state jsonb, minhash jsonb, first_seen timestamptz, last_seen timestamptz)`,
    [JSON.stringify(b.rows)],
  );
  const stories = JSON.stringify(b.stories);
  await client.query(
    `insert into articles (id, canonical_url, published_at, status) select 'art-' || id, url, published, 'analyzed'
     from jsonb_to_recordset($1::jsonb) as x(id text, url text, published timestamptz)`,
    [stories],
  );
  await client.query(
    `insert into items (id, article_id, ordinal, text, kind, analysis, analyzer_version)
     select 'item-' || id, 'art-' || id, 0, text, 'initiative', item, 'bench' from jsonb_to_recordset($1::jsonb) as x(id text, item jsonb, text text)`,
    [stories],
  );
  await client.query(
    `insert into mentions (item_id, initiative_id, decision, score, reasons, minhash, profile)
     select 'item-' || id, id, 'new', 0, '[]'::jsonb, minhash, profile from jsonb_to_recordset($1::jsonb) as x(id text, minhash jsonb, profile jsonb)`,
    [stories],
  );
  await client.query(`insert into signature_bands (band_key, initiative_id) select * from unnest($1::text[], $2::text[]) on conflict do nothing`, [b.bandKey, b.bandId]);
  await client.query(`insert into initiative_keys (key, initiative_id, seen_at) select * from unnest($1::text[], $2::text[], $3::timestamptz[]) on conflict do nothing`, [b.key, b.keyId, b.keySeen]);
}

/**
 * Loads initiatives 0..count-1. Batches are built on this thread while the previous one is
 * being written, so the database and the generator overlap.
 */
export async function loadInitiatives(pool: pg.Pool, count: number, orgs: OrgRef[], log: (m: string) => void, batchSize = 2000): Promise<{ seconds: number }> {
  const t0 = performance.now();
  const client = await pool.connect();
  try {
    let pending: Promise<void> | null = null;
    for (let from = 0; from < count; from += batchSize) {
      const batch = buildBatch(from, Math.min(count, from + batchSize), orgs);
      if (pending) await pending;
      pending = insertBatch(client, batch);
      if ((from / batchSize) % 10 === 9) log(`loaded ${from + batchSize} initiatives, ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    }
    await pending;
    // VACUUM sets the visibility map (index-only scans), as autovacuum would on an insert-heavy table.
    await client.query("vacuum analyze initiatives, signature_bands, initiative_keys, mentions, items, articles");
    // The load wrote about a gigabyte: flush it now, or the checkpoint it triggers runs during the
    // measurements (a store in service is not in the middle of writing a gigabyte).
    await client.query("checkpoint").catch(() => undefined);
  } finally {
    client.release();
  }
  return { seconds: (performance.now() - t0) / 1000 };
}

/** Articles and items for the stories the benchmark resolves and applies (mentions need them). */
export async function insertItems(pool: pg.Pool, stories: { itemId: string; text: string; url: string; item: object }[]): Promise<void> {
  const arts = stories.map((s) => ({ id: `art-${s.itemId}`, canonical_url: s.url }));
  const items = stories.map((s) => ({ id: s.itemId, article_id: `art-${s.itemId}`, text: s.text, item: s.item }));
  await pool.query(`insert into articles (id, canonical_url) select id, canonical_url from jsonb_to_recordset($1::jsonb) as x(id text, canonical_url text)`, [JSON.stringify(arts)]);
  await pool.query(
    `insert into items (id, article_id, ordinal, text, kind, analysis, analyzer_version)
     select id, article_id, 0, text, 'initiative', item, 'bench' from jsonb_to_recordset($1::jsonb) as x(id text, article_id text, text text, item jsonb)`,
    [JSON.stringify(items)],
  );
}
