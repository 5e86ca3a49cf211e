import { asc, eq, inArray, sql } from "drizzle-orm";
import type { AnalyzedItem, DecisionAction, Diff, InitiativeEventPayload, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import { initiatives } from "../schema/initiatives.js";
import { mentions } from "../schema/mentions.js";
import type { InitiativeRow } from "./candidates.js";
import { foldInto, type Rebuild, type StoredStory } from "./curate.js";
import { preparedRows } from "./prepared.js";

export interface InitiativeWrite {
  title: string;
  state: InitiativeState;
  minhash: number[];
  bandKeys: string[];
  keys: string[];
}

/** The initiative columns derived from its content (denormalised for filtering and listing). */
export function initiativeColumns(w: InitiativeWrite) {
  return {
    title: w.title,
    primaryOrg: w.state.orgs[0] ?? null,
    region: w.state.region,
    icb: w.state.icb,
    status: w.state.status,
    state: w.state,
    minhash: w.minhash,
  };
}

export interface ApplyInput {
  itemId: string;
  action: DecisionAction;
  initiativeId: string | null;
  baseVersion: number | null;
  score: number;
  reasons: string[];
  diff: Diff;
  /** Initiatives resolve considered; any other initiative sharing a key means resolve is stale. */
  seen: string[];
  /** Database time at resolve; initiatives created before it (minus IN_FLIGHT_MARGIN_MS) were visible to resolve. */
  resolvedAt: Date | null;
  silent: boolean;
  seenAt: Date;
  /** For `new`: the fresh initiative's id and content. */
  create?: () => InitiativeWrite & { id: string };
  /** For `update` (and `duplicate`, for its signature and keys): content computed from the row read under lock. */
  update?: (current: InitiativeRow) => InitiativeWrite;
  /** The story's own keys, used to serialise concurrent creations of one initiative. */
  lockKeys: string[];
  /** The story's own MinHash, kept with its mention. */
  minhash?: number[];
  /** What scoring needs of the story (StoryProfile in @radar/resolve), kept with its mention. */
  profile?: object;
  /** Initiatives the story also matched: folded into `initiativeId` (see Decision.alsoMatches). */
  alsoMatches?: string[];
  /** Rebuilds an initiative from its stories; needed when `alsoMatches` is not empty. */
  rebuild?: Rebuild;
}

export type ApplyOutcome =
  | { kind: "applied"; initiativeId: string; version: number; action: DecisionAction }
  | { kind: "already-applied"; initiativeId: string }
  | { kind: "conflict"; reason: string };

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Applies one resolved story: mention, initiative change, version row and outbox event together,
 * or nothing. Idempotent per item (the mention's primary key); optimistic on the initiative version.
 *
 * Each write is a server-side function (migration 0006), one statement and so its own
 * transaction: a `new` story is one round trip (locks, rival check and inserts run inside
 * `apply_new_story`); an `update` or `duplicate` reads the row without a lock, computes the new
 * content here, and writes it with `apply_known_story` only if the row is still the one it read
 * (its xmin); a story bridging initiatives (`alsoMatches`) does the same with every row involved
 * and their stories, rebuilt here, through `apply_bridging_story`. When a row changed between
 * that read and the write, the story takes the locked transaction (`applyLocked`: row locks,
 * then the same checks and foldInto), which decides exactly as before.
 */
export async function applyStory(db: Db, input: ApplyInput): Promise<ApplyOutcome> {
  try {
    if (input.action === "new") return await createInitiative(db, input);
    const from = bridged(input);
    const unlocked = from.length > 0 && input.rebuild ? await bridgeUnlocked(db, input, from, input.rebuild) : await touchUnlocked(db, input);
    return unlocked ?? (await applyLocked(db, input));
  } catch (err) {
    // Two applies of one item at once: the second's mention insert fails on the primary key and its
    // statement (or transaction) rolls back whole. The story is applied, once.
    if (!isMentionConflict(err)) throw err;
    const rows = await db.select({ id: mentions.initiativeId }).from(mentions).where(eq(mentions.itemId, input.itemId));
    if (!rows[0]) throw err;
    return { kind: "already-applied", initiativeId: rows[0].id };
  }
}

const bridged = (input: ApplyInput) => (input.alsoMatches ?? []).filter((x) => x !== input.initiativeId);

/** The database's answer to apply_new_story, apply_known_story and apply_bridging_story. */
interface FunctionResult {
  kind: "applied" | "already-applied" | "rival" | "changed";
  initiativeId: string;
  version?: number;
}

/** Each function call is one prepared statement (prepared once per connection on PostgreSQL). */
async function call(db: Db, fn: "apply_new_story" | "apply_known_story" | "apply_bridging_story", p: Record<string, unknown>): Promise<FunctionResult> {
  const rows = await preparedRows<{ r: FunctionResult | string }>(db, `radar_${fn}_v1`, `select ${fn}($1::jsonb) as r`, [JSON.stringify(p)]);
  const r = rows[0]!.r;
  return typeof r === "string" ? (JSON.parse(r) as FunctionResult) : r;
}

/**
 * A transaction that created an initiative may still have been open when resolve read the store;
 * its row carries its start time. A minute covers any apply transaction by a wide margin.
 */
export const IN_FLIGHT_MARGIN_MS = 60_000;

/**
 * `new`, in one statement (apply_new_story): take advisory locks on the story's keys in sorted
 * order, check the mention, check for a rival created since resolve read the store, insert.
 */
async function createInitiative(db: Db, input: ApplyInput): Promise<ApplyOutcome> {
  // Initiatives that existed when resolve read the store were candidates or scored too far off;
  // only ones created since can be a rival this story has not been compared with.
  const since = input.resolvedAt ? new Date(input.resolvedAt.getTime() - IN_FLIGHT_MARGIN_MS) : new Date(0);
  const w = input.create!();
  const out = await call(db, "apply_new_story", {
    ...storyFields(input, w.id, 1, w.title, "initiative.created", w),
    ...contentFields(w),
    initiativeId: w.id,
    lockKeys: input.lockKeys,
    seen: input.seen,
    since: since.toISOString(),
  });
  if (out.kind === "already-applied") return { kind: "already-applied", initiativeId: out.initiativeId };
  if (out.kind === "rival") return { kind: "conflict", reason: `initiative ${out.initiativeId} appeared since this story was resolved` };
  return { kind: "applied", initiativeId: w.id, version: 1, action: "new" };
}

/**
 * `update` / `duplicate` without a lock: one read (the row, the transaction that wrote it, and
 * whether this item is already applied), the new content computed from it, then one guarded
 * write (apply_known_story). Null when the row was missing, or changed before the write: the
 * locked path then decides, as before.
 */
async function touchUnlocked(db: Db, input: ApplyInput): Promise<ApplyOutcome | null> {
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
    ...(duplicate ? { minhash: w?.minhash } : contentFields(w!)),
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
async function bridgeUnlocked(db: Db, input: ApplyInput, from: string[], rebuild: Rebuild): Promise<ApplyOutcome | null> {
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
// mapping a drizzle select cost about as much as the round trip.
const READ_SQL = `
select i.id, i.title, i.primary_org, i.region, i.icb, i.status, i.state, i.minhash, i.version, i.merged_into,
       i.first_seen, i.last_seen, i.created_at, i.updated_at, i.xmin::text as row_version,
       (select m.initiative_id from mentions m where m.item_id = $2) as mentioned_in
  from initiatives i where i.id = any($1::text[])`;

const asDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/**
 * Rows as they are now, each with the transaction that wrote it (xmin: apply_known_story and
 * apply_bridging_story write only if it is unchanged), and the initiative this item is already a
 * mention of, if any.
 */
async function readRows(db: Db, ids: string[], itemId: string): Promise<Array<{ row: InitiativeRow; rowVersion: string; mentionedIn: string | null }>> {
  const rows = await preparedRows<RawRow>(db, "radar_apply_read_v1", READ_SQL, [ids, itemId]);
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
// order a rebuild replays them (as curate.ts storiesOf: publication time, else when the mention
// was written, then item id). initiative_id is null for the new item.
const STORIES_SQL = `
select s.initiative_id, s.item_id, s.analysis, s.title, s.published_at, s.url, s.minhash from (
  select m.initiative_id, it.id as item_id, it.analysis, coalesce(a.title, a.feed_title) as title, a.published_at,
         a.canonical_url as url, m.minhash, coalesce(a.published_at, m.created_at) as at
    from mentions m join items it on it.id = m.item_id join articles a on a.id = it.article_id
   where m.initiative_id = any($1::text[])
  union all
  select null, it.id, it.analysis, coalesce(a.title, a.feed_title), a.published_at, a.canonical_url, $3::jsonb, coalesce(a.published_at, now())
    from items it join articles a on a.id = it.article_id
   where it.id = $2) s
order by s.at, s.item_id`;

async function storiesWith(db: Db, ids: string[], itemId: string, minhash: number[] | null): Promise<Array<{ initiativeId: string | null; story: StoredStory }>> {
  const rows = await preparedRows<StoryRow>(db, "radar_apply_stories_v1", STORIES_SQL, [ids, itemId, minhash ? JSON.stringify(minhash) : null]);
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

/** Why a diff computed against `baseVersion` cannot be applied to this row, if it cannot. */
function staleness(current: InitiativeRow, input: ApplyInput): ApplyOutcome | null {
  const id = current.id;
  if (current.mergedInto) return { kind: "conflict", reason: `initiative ${id} was merged into ${current.mergedInto}` };
  if (current.version !== input.baseVersion) {
    return { kind: "conflict", reason: `initiative ${id} is at version ${current.version}, the diff was computed against ${input.baseVersion}` };
  }
  return null;
}

/** The initiative columns apply_new_story / apply_known_story write (see initiativeColumns). */
function contentFields(w: InitiativeWrite) {
  const c = initiativeColumns(w);
  return { title: c.title, primaryOrg: c.primaryOrg, region: c.region, icb: c.icb, status: c.status, state: c.state, minhash: c.minhash };
}

/**
 * What record_story writes besides the initiative row: index rows, mention, version row, event.
 * Optional values are left out rather than null: a JSON null would be stored as jsonb 'null'.
 */
function storyFields(input: ApplyInput, initiativeId: string, version: number, title: string, type: string, w: InitiativeWrite | null) {
  const payload: InitiativeEventPayload = { initiativeId, version, itemId: input.itemId, title, diff: input.diff };
  return {
    itemId: input.itemId,
    action: input.action,
    score: input.score,
    reasons: input.reasons,
    diff: input.diff,
    seenAt: input.seenAt.toISOString(),
    storyMinhash: input.minhash ?? undefined,
    // As JSON text inside the argument: stored verbatim (a json column), not re-rendered by jsonb.
    profile: input.profile ? JSON.stringify(input.profile) : undefined,
    bandKeys: w ? [...new Set(w.bandKeys)] : [],
    keys: w ? [...new Set(w.keys)] : [],
    eventType: type,
    payload,
    silent: input.silent || input.action === "duplicate",
  };
}

function isMentionConflict(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    // node-postgres reports the constraint's name; PGlite's error may carry it only in the message.
    if (e.code === "23505" && (e.constraint === "mentions_pkey" || /"mentions_pkey"/.test(e.message ?? ""))) return true;
  }
  return false;
}

/**
 * The locked path, one transaction, when a row changed between the unlocked read and the write
 * (or vanished): row locks, then the same checks; record_story writes what the story leaves and
 * foldInto folds the initiatives it bridges.
 */
async function applyLocked(db: Db, input: ApplyInput): Promise<ApplyOutcome> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: mentions.initiativeId }).from(mentions).where(eq(mentions.itemId, input.itemId));
    if (existing[0]) return { kind: "already-applied", initiativeId: existing[0].id };
    return touchInitiative(tx, input);
  });
}

async function touchInitiative(tx: Tx, input: ApplyInput): Promise<ApplyOutcome> {
  const outcome = await touchOne(tx, input);
  const from = bridged(input);
  if (outcome.kind !== "applied" || from.length === 0 || !input.rebuild) return outcome;
  const folded = await foldInto(tx, outcome.initiativeId, from, input.rebuild, {
    pin: false,
    note: (f) => `story ${input.itemId} matched both: merged ${f.id} (${f.title})`,
  });
  return { ...outcome, version: folded.version };
}

async function touchOne(tx: Tx, input: ApplyInput): Promise<ApplyOutcome> {
  const id = input.initiativeId!;
  // Lock the chosen initiative and every bridged one in one sorted statement (no deadlocks).
  const ids = [...new Set([id, ...(input.alsoMatches ?? [])])].sort();
  const locked = await tx.select().from(initiatives).where(inArray(initiatives.id, ids)).orderBy(asc(initiatives.id)).for("update");
  const current = locked.find((r) => r.id === id);
  if (!current) return { kind: "conflict", reason: `initiative ${id} no longer exists` };
  const stale = staleness(current, input);
  if (stale) return stale;
  const lastSeen = input.seenAt > current.lastSeen ? input.seenAt : current.lastSeen;
  const firstSeen = input.seenAt < current.firstSeen ? input.seenAt : current.firstSeen;
  if (input.action === "duplicate") {
    const w = input.update?.(current);
    await tx.update(initiatives).set({ lastSeen, firstSeen, ...(w ? { minhash: w.minhash } : {}) }).where(eq(initiatives.id, id));
    await record(tx, input, id, current.version, current.title, "initiative.duplicate-seen", w ?? null);
    return { kind: "applied", initiativeId: id, version: current.version, action: "duplicate" };
  }
  const w = input.update!(current);
  const version = current.version + 1;
  await tx
    .update(initiatives)
    .set({
      ...initiativeColumns(w),
      version,
      lastSeen,
      firstSeen,
      updatedAt: new Date(),
    })
    .where(eq(initiatives.id, id));
  await record(tx, input, id, version, w.title, "initiative.updated", w);
  return { kind: "applied", initiativeId: id, version, action: "update" };
}

/** Everything a story leaves besides the initiative row, in one statement (record_story, migration 0006). */
async function record(tx: Tx, input: ApplyInput, initiativeId: string, version: number, title: string, type: string, w: InitiativeWrite | null) {
  const p = storyFields(input, initiativeId, version, title, type, w);
  await tx.execute(sql`select record_story(${JSON.stringify(p)}::jsonb, ${initiativeId}, ${version}::integer)`);
}
