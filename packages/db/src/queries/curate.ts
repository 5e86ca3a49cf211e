import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { AnalyzedItem } from "@radar/core";
import { permanent } from "@radar/core";
import type { Db } from "../client.js";
import { articles } from "../schema/articles.js";
import { initiativeKeys, signatureBands } from "../schema/index-keys.js";
import { initiativeVersions } from "../schema/initiative-versions.js";
import { initiatives } from "../schema/initiatives.js";
import { items } from "../schema/items.js";
import { mentions } from "../schema/mentions.js";
import { pins } from "../schema/pins.js";
import { initiativeColumns, type InitiativeWrite } from "./apply-model.js";

/** A text[] literal of bound parameters (node-postgres and PGlite alike). */
const textArray = (xs: string[]) => sql`array[${xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql``}]::text[]`;

export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A story as stored: enough for the pure resolve functions to rebuild an initiative. */
export interface StoredStory {
  itemId: string;
  item: AnalyzedItem;
  articleTitle: string | null;
  publishedAt: string | null;
  source: string;
  /** MinHash kept with the mention (null for mentions written before it was kept). */
  minhash: number[] | null;
}

/** Rebuilds an initiative's content from its stories, oldest first (supplied by the shell). */
export type Rebuild = (stories: StoredStory[]) => InitiativeWrite;

async function storiesOf(tx: Tx, initiativeId: string): Promise<StoredStory[]> {
  const rows = await tx
    .select({ itemId: items.id, item: items.analysis, title: articles.title, feedTitle: articles.feedTitle, published: articles.publishedAt, url: articles.canonicalUrl, minhash: mentions.minhash })
    .from(mentions)
    .innerJoin(items, eq(items.id, mentions.itemId))
    .innerJoin(articles, eq(articles.id, items.articleId))
    .where(eq(mentions.initiativeId, initiativeId))
    .orderBy(asc(sql`coalesce(${articles.publishedAt}, ${mentions.createdAt})`), asc(items.id));
  return rows.map((r) => ({ itemId: r.itemId, item: r.item, articleTitle: r.title ?? r.feedTitle, publishedAt: r.published?.toISOString() ?? null, source: r.url, minhash: r.minhash }));
}

export async function lockLive(tx: Tx, ids: string[]) {
  const rows = await tx.select().from(initiatives).where(inArray(initiatives.id, [...ids].sort())).orderBy(asc(initiatives.id)).for("update");
  for (const id of ids) {
    const row = rows.find((r) => r.id === id);
    if (!row) throw permanent("not-found", `no initiative ${id}`);
    if (row.mergedInto) throw permanent("merged", `initiative ${id} was already merged into ${row.mergedInto}`);
  }
  return rows;
}

async function rewrite(tx: Tx, id: string, version: number, w: InitiativeWrite, action: string, note: string) {
  await tx
    .update(initiatives)
    .set({ ...initiativeColumns(w), version, updatedAt: new Date() })
    .where(eq(initiatives.id, id));
  await tx.delete(signatureBands).where(eq(signatureBands.initiativeId, id));
  await tx.delete(initiativeKeys).where(eq(initiativeKeys.initiativeId, id));
  const bands = [...new Set(w.bandKeys)].map((bandKey) => ({ bandKey, initiativeId: id }));
  if (bands.length) await tx.insert(signatureBands).values(bands);
  // A rebuilt initiative's keys carry its last report's time (not now): resolve ranks by it.
  const keys = [...new Set(w.keys)];
  if (keys.length) {
    await tx.execute(sql`insert into ${initiativeKeys} (key, initiative_id, seen_at)
      select k, ${id}, (select last_seen from ${initiatives} where id = ${id}) from unnest(${textArray(keys)}) as k`);
  }
  await tx.insert(initiativeVersions).values({ initiativeId: id, version, action, diff: {}, note });
}

/**
 * Merges `from` into `into`: mentions move (and are pinned, so reprocessing keeps them there),
 * `into` is rebuilt from all its stories, and `from` stays as a tombstone pointing at `into`.
 */
export async function mergeInitiatives(db: Db, intoId: string, fromId: string, rebuild: Rebuild): Promise<{ version: number; moved: number }> {
  if (intoId === fromId) throw permanent("same-initiative", "cannot merge an initiative into itself");
  return db.transaction(async (tx) => {
    await lockLive(tx, [intoId, fromId]);
    return foldInto(tx, intoId, [fromId], rebuild, { pin: true, note: (from) => `merged ${from.id} (${from.title}) by an operator` });
  });
}

/**
 * Folds initiatives into `intoId` inside the caller's transaction (rows already locked): mentions
 * and pins move, `into` is rebuilt from all its stories in one new version, and each folded
 * initiative stays as a tombstone pointing at `into`. Operator merges pin the moved stories;
 * merges the resolver makes (a story bridging two initiatives) do not need to.
 */
export async function foldInto(
  tx: Tx,
  intoId: string,
  fromIds: string[],
  rebuild: Rebuild,
  opts: { pin: boolean; note: (from: InitiativeRowLike) => string },
): Promise<{ version: number; moved: number }> {
  const [into] = await tx.select().from(initiatives).where(eq(initiatives.id, intoId));
  let moved = 0;
  const notes: string[] = [];
  for (const fromId of fromIds) {
    const [from] = await tx.select().from(initiatives).where(eq(initiatives.id, fromId));
    if (!from || from.mergedInto || fromId === intoId) continue;
    const rows = await tx.update(mentions).set({ initiativeId: intoId }).where(eq(mentions.initiativeId, fromId)).returning({ itemId: mentions.itemId });
    moved += rows.length;
    await tx.update(pins).set({ initiativeId: intoId }).where(eq(pins.initiativeId, fromId));
    if (opts.pin) {
      for (const m of rows) {
        await tx.insert(pins).values({ itemId: m.itemId, initiativeId: intoId, reason: `merged from ${fromId}` }).onConflictDoUpdate({ target: pins.itemId, set: { initiativeId: intoId } });
      }
    }
    await tx.update(initiatives).set({ mergedInto: intoId, version: from.version + 1, updatedAt: new Date() }).where(eq(initiatives.id, fromId));
    await tx.delete(signatureBands).where(eq(signatureBands.initiativeId, fromId));
    await tx.delete(initiativeKeys).where(eq(initiativeKeys.initiativeId, fromId));
    await tx.insert(initiativeVersions).values({ initiativeId: fromId, version: from.version + 1, action: "merged-into", diff: {}, note: `merged into ${intoId}` });
    notes.push(opts.note(from));
  }
  if (notes.length === 0) return { version: into!.version, moved: 0 };
  const version = into!.version + 1;
  await rewrite(tx, intoId, version, rebuild(await storiesOf(tx, intoId)), "merge", notes.join("; "));
  return { version, moved };
}

type InitiativeRowLike = { id: string; title: string };

/**
 * Moves one story out of an initiative into a new initiative of its own (pinned there), and
 * rebuilds the old one from the stories it keeps.
 */
export async function splitMention(db: Db, initiativeId: string, itemId: string, newId: string, rebuild: Rebuild): Promise<{ newId: string }> {
  return db.transaction(async (tx) => {
    const [row] = await lockLive(tx, [initiativeId]);
    const stories = await storiesOf(tx, initiativeId);
    const story = stories.find((s) => s.itemId === itemId);
    if (!story) throw permanent("not-found", `story ${itemId} is not a mention of initiative ${initiativeId}`);
    if (stories.length === 1) throw permanent("last-mention", `story ${itemId} is the only mention of ${initiativeId}; nothing to split`);
    const fresh = rebuild([story]);
    const seen = story.publishedAt ? new Date(story.publishedAt) : new Date();
    await tx.insert(initiatives).values({ id: newId, ...initiativeColumns(fresh), version: 0, firstSeen: seen, lastSeen: seen });
    await tx.update(mentions).set({ initiativeId: newId, decision: "new", reasons: [`split out of ${initiativeId} by an operator`] }).where(and(eq(mentions.itemId, itemId)));
    await tx.insert(pins).values({ itemId, initiativeId: newId, reason: `split from ${initiativeId}` }).onConflictDoUpdate({ target: pins.itemId, set: { initiativeId: newId } });
    await rewrite(tx, newId, 1, fresh, "split", `split out of ${initiativeId}`);
    await rewrite(tx, initiativeId, row!.version + 1, rebuild(stories.filter((s) => s.itemId !== itemId)), "split", `story ${itemId} moved to ${newId}`);
    return { newId };
  });
}

/** The initiative an operator pinned this story to, following merges. */
export async function pinnedInitiative(db: Db, itemId: string): Promise<string | null> {
  const rows = await db.select({ id: pins.initiativeId }).from(pins).where(eq(pins.itemId, itemId)).limit(1);
  let id = rows[0]?.id ?? null;
  for (let hops = 0; id && hops < 10; hops++) {
    const r = await db.select({ mergedInto: initiatives.mergedInto }).from(initiatives).where(eq(initiatives.id, id)).limit(1);
    if (!r[0]?.mergedInto) break;
    id = r[0].mergedInto;
  }
  return id;
}
