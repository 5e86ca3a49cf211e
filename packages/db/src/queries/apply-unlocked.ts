import type { AnalyzedItem, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import type { InitiativeRow } from "./candidates.js";
import type { Rebuild, StoredStory } from "./curate.js";
import { call, contentFields, staleness, storyFields, type ApplyInput, type ApplyOutcome } from "./apply-model.js";
import { preparedRows } from "./prepared.js";

/**
 * `update` / `duplicate` without a lock: one read (the row, the transaction that wrote it, and
 * whether this item is already applied), the new content computed from it, then one guarded
 * write (apply_known_story). Null when the row was missing, or changed before the write: the
 * locked path then decides, as before.
 */
export async function touchUnlocked(db: Db, input: ApplyInput): Promise<ApplyOutcome | null> {
  const id = input.initiativeId!;
  const [read] = await readRows(db, [id], input.itemId);
  if (!read) return null;
  if (read.mentionedIn) return { kind: "already-applied", initiativeId: read.mentionedIn };
  const current = read.row;
  const stale = staleness(current, input);
  if (stale) return stale;
  const duplicate = input.action === "duplicate";
  // A duplicate changes no field, but its wording and keys still widen what later reports of the
  // same initiative can match (the signature and the index), without a new version.
  const w = duplicate ? (input.update?.(current) ?? null) : input.update!(current);
  const version = duplicate ? current.version : current.version + 1;
  const title = duplicate ? current.title : w!.title;
  const type = duplicate ? "initiative.duplicate-seen" : "initiative.updated";
  const out = await call(db, "apply_known_story", {
    ...storyFields(input, id, version, title, type, w),
    // A duplicate's MinHash is usually the initiative's own: left out, the row keeps it (and its
    // out-of-line copy is not rewritten).
    ...(duplicate ? { minhash: w && !sameSlots(w.minhash, current.minhash) ? w.minhash : undefined } : contentFields(w!)),
    initiativeId: id,
    baseVersion: current.version,
    rowVersion: read.rowVersion,
  });
  if (out.kind !== "applied") return null;
  return { kind: "applied", initiativeId: id, version, action: duplicate ? "duplicate" : "update" };
}

/**
 * A story bridging initiatives, without a lock: one read (the rows with the transactions that
 * wrote them, and every story of the initiatives involved plus this one, oldest first as
 * curate.ts's storiesOf orders them), the touch and the rebuild computed here, then one guarded
 * write (apply_bridging_story) that does what touchOne and foldInto do. Null when a row was
 * missing or changed before the write: the locked path then decides.
 */
export async function bridgeUnlocked(db: Db, input: ApplyInput, from: string[], rebuild: Rebuild): Promise<ApplyOutcome | null> {
  const id = input.initiativeId!;
  const ids = [...new Set([id, ...from])];
  const [read, stories] = await Promise.all([readRows(db, ids, input.itemId), storiesWith(db, ids, input.itemId, input.minhash ?? null)]);
  const rows = new Map(read.map((r) => [r.row.id, r]));
  const into = rows.get(id);
  if (!into) return null;
  if (into.mentionedIn) return { kind: "already-applied", initiativeId: into.mentionedIn };
  const current = into.row;
  const stale = staleness(current, input);
  if (stale) return stale;
  // As foldInto: initiatives already merged or gone are skipped, each folded once.
  const folds = from.flatMap((f, i) => {
    const r = rows.get(f);
    return r && !r.row.mergedInto && f !== id && from.indexOf(f) === i ? [r] : [];
  });
  if (folds.length === 0) return touchUnlocked(db, input);
  const duplicate = input.action === "duplicate";
  const w = duplicate ? null : input.update!(current);
  const touched = duplicate ? current.version : current.version + 1;
  const involved = new Set([id, ...folds.map((f) => f.row.id)]);
  const replayed = stories.filter((s) => s.initiativeId === null || involved.has(s.initiativeId));
  const rebuilt = rebuild(replayed.map((s) => s.story));
  const out = await call(db, "apply_bridging_story", {
    // The story's own index rows are left out: the rebuild's replace the survivor's index.
    ...storyFields(input, id, touched, duplicate ? current.title : w!.title, duplicate ? "initiative.duplicate-seen" : "initiative.updated", null),
    initiativeId: id,
    baseVersion: current.version,
    rowVersions: Object.fromEntries([into, ...folds].map((r) => [r.row.id, r.rowVersion])),
    mentions: replayed.filter((s) => s.initiativeId !== null).length,
    folds: folds.map((f) => ({ id: f.row.id, version: f.row.version })),
    rebuilt: { ...contentFields(rebuilt), bandKeys: [...new Set(rebuilt.bandKeys)], keys: [...new Set(rebuilt.keys)] },
    note: folds.map((f) => `story ${input.itemId} matched both: merged ${f.row.id} (${f.row.title})`).join("; "),
  });
  if (out.kind !== "applied") return null;
  return { kind: "applied", initiativeId: id, version: out.version!, action: duplicate ? "duplicate" : "update" };
}

function sameSlots(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

interface RawRow {
  id: string;
  title: string;
  primary_org: string | null;
  region: string | null;
  icb: string | null;
  status: string | null;
  state: InitiativeState;
  minhash: number[];
  version: number;
  merged_into: string | null;
  first_seen: Date | string;
  last_seen: Date | string;
  created_at: Date | string;
  updated_at: Date | string;
  row_version: string;
  mentioned_in: string | null;
}

// Plain SQL rather than the query builder: these run once or twice per story, and building and
// mapping a drizzle select cost about as much as the round trip. One row (every update and
// duplicate) by plain equality: its generic plan costs what a custom one does, so PostgreSQL
// settles on it after five calls. Several rows (a bridging story) through radar_apply_rows
// (migration 0010, the same columns): as a prepared "= any($1)" PostgreSQL planned it afresh on
// every call.
const READ_ONE_SQL = `
select i.id, i.title, i.primary_org, i.region, i.icb, i.status, i.state, i.minhash, i.version, i.merged_into,
       i.first_seen, i.last_seen, i.created_at, i.updated_at, i.xmin::text as row_version,
       (select m.initiative_id from mentions m where m.item_id = $2) as mentioned_in
  from initiatives i where i.id = $1`;
const READ_MANY_SQL = "select * from radar_apply_rows($1::text[], $2::text)";

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Rows as they are now, each with the transaction that wrote it (xmin: apply_known_story and
 * apply_bridging_story write only if it is unchanged), and the initiative this item is already a
 * mention of, if any.
 */
async function readRows(db: Db, ids: string[], itemId: string): Promise<Array<{ row: InitiativeRow; rowVersion: string; mentionedIn: string | null }>> {
  const rows =
    ids.length === 1
      ? await preparedRows<RawRow>(db, "radar_apply_read_one_v1", READ_ONE_SQL, [ids[0], itemId])
      : await preparedRows<RawRow>(db, "radar_apply_read_v2", READ_MANY_SQL, [ids, itemId]);
  return rows.map((r) => ({
    row: {
      id: r.id,
      title: r.title,
      primaryOrg: r.primary_org,
      region: r.region,
      icb: r.icb,
      status: r.status,
      state: r.state,
      minhash: r.minhash,
      version: r.version,
      mergedInto: r.merged_into,
      firstSeen: asDate(r.first_seen),
      lastSeen: asDate(r.last_seen),
      createdAt: asDate(r.created_at),
      updatedAt: asDate(r.updated_at),
    },
    rowVersion: r.row_version,
    mentionedIn: r.mentioned_in,
  }));
}

// The stories of these initiatives, and the item about to become a mention of one of them, in the
// order a rebuild replays them: radar_apply_stories (migration 0010).
const STORIES_SQL = "select * from radar_apply_stories($1::text[], $2::text, $3::jsonb)";

async function storiesWith(db: Db, ids: string[], itemId: string, minhash: number[] | null): Promise<Array<{ initiativeId: string | null; story: StoredStory }>> {
  const rows = await preparedRows<StoryRow>(db, "radar_apply_stories_v2", STORIES_SQL, [ids, itemId, minhash ? JSON.stringify(minhash) : null]);
  return rows.map((r) => ({
    initiativeId: r.initiative_id,
    story: {
      itemId: r.item_id,
      item: r.analysis,
      articleTitle: r.title,
      publishedAt: r.published_at === null ? null : asDate(r.published_at).toISOString(),
      source: r.url,
      minhash: r.minhash,
    },
  }));
}

interface StoryRow {
  initiative_id: string | null;
  item_id: string;
  analysis: AnalyzedItem;
  title: string | null;
  published_at: Date | string | null;
  url: string;
  minhash: number[] | null;
}
