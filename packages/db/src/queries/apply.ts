import { and, asc, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import type { DecisionAction, Diff, InitiativeEventPayload, InitiativeState } from "@radar/core";
import type { Db } from "../client.js";
import { events } from "../schema/events.js";
import { initiativeKeys, signatureBands } from "../schema/index-keys.js";
import { initiativeVersions } from "../schema/initiative-versions.js";
import { initiatives } from "../schema/initiatives.js";
import { mentions } from "../schema/mentions.js";
import type { InitiativeRow } from "./candidates.js";
import { foldInto, type Rebuild } from "./curate.js";
import { textArray } from "./sql-arrays.js";

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
 * One transaction: mention, initiative change, version row and outbox event together, or nothing.
 * Idempotent per item (mentions are unique per item); optimistic on the initiative version.
 */
export async function applyStory(db: Db, input: ApplyInput): Promise<ApplyOutcome> {
  return db.transaction(async (tx) => {
    const existing = await tx.select({ id: mentions.initiativeId }).from(mentions).where(eq(mentions.itemId, input.itemId));
    if (existing[0]) return { kind: "already-applied", initiativeId: existing[0].id };
    return input.action === "new" ? createInitiative(tx, input) : touchInitiative(tx, input);
  });
}

async function createInitiative(tx: Tx, input: ApplyInput): Promise<ApplyOutcome> {
  // Advisory locks on the story's keys, in a fixed order (no deadlocks): a concurrent creation of
  // the same initiative waits here and then sees this one in the check below.
  await lockKeys(tx, input.lockKeys);
  const rival = await rivalInitiative(tx, input);
  if (rival) return { kind: "conflict", reason: `initiative ${rival} appeared since this story was resolved` };
  const w = input.create!();
  await tx.insert(initiatives).values({
    id: w.id,
    ...initiativeColumns(w),
    version: 1,
    firstSeen: input.seenAt,
    lastSeen: input.seenAt,
  });
  await record(tx, input, w.id, 1, w.title, "initiative.created", w);
  return { kind: "applied", initiativeId: w.id, version: 1, action: "new" };
}

/**
 * A transaction that created an initiative may still have been open when resolve read the store;
 * its row carries its start time. A minute covers any apply transaction by a wide margin.
 */
export const IN_FLIGHT_MARGIN_MS = 60_000;

/**
 * All of a story's advisory locks in one round trip, taken in a fixed (sorted) order so two
 * transactions wanting overlapping keys queue instead of deadlocking.
 */
async function lockKeys(tx: Tx, keys: string[]) {
  if (keys.length === 0) return;
  const list = sql.join([...new Set(keys)].map((k) => sql`(${k})`), sql`, `);
  await tx.execute(
    sql`select count(pg_advisory_xact_lock(h)) from (select distinct hashtext(k) as h from (values ${list}) as v(k) order by 1) as locks`,
  );
}

async function rivalInitiative(tx: Tx, input: ApplyInput): Promise<string | null> {
  const keys = input.lockKeys;
  if (keys.length === 0) return null;
  // Initiatives that existed when resolve read the store were candidates or scored too far off;
  // only ones created since can be a rival this story has not been compared with.
  const since = input.resolvedAt ? new Date(input.resolvedAt.getTime() - IN_FLIGHT_MARGIN_MS) : new Date(0);
  const list = sql.join(keys.map((k) => sql`${k}`), sql`, `);
  // Driven from the story's keys (index probes), not from "everything created lately": a backfill
  // creating hundreds of initiatives a minute must not make every check scan them all.
  const res = await tx.execute(sql`
    select i.id from ${initiatives} i
    join (select initiative_id from ${initiativeKeys} where key in (${list})
          union select initiative_id from ${signatureBands} where band_key in (${list})) x on x.initiative_id = i.id
    where i.created_at > ${since.toISOString()} and i.merged_into is null`);
  const seen = new Set(input.seen);
  const rows = (res as unknown as { rows: Array<{ id: string }> }).rows;
  return rows.map((r) => r.id).find((id) => !seen.has(id)) ?? null;
}

async function touchInitiative(tx: Tx, input: ApplyInput): Promise<ApplyOutcome> {
  const outcome = await touchOne(tx, input);
  const bridged = (input.alsoMatches ?? []).filter((x) => x !== input.initiativeId);
  if (outcome.kind !== "applied" || bridged.length === 0 || !input.rebuild) return outcome;
  const folded = await foldInto(tx, outcome.initiativeId, bridged, input.rebuild, {
    pin: false,
    note: (from) => `story ${input.itemId} matched both: merged ${from.id} (${from.title})`,
  });
  return { ...outcome, version: folded.version };
}

async function touchOne(tx: Tx, input: ApplyInput): Promise<ApplyOutcome> {
  const id = input.initiativeId!;
  // Lock the chosen initiative and every bridged one in one sorted statement (no deadlocks).
  const ids = [...new Set([id, ...(input.alsoMatches ?? [])])].sort();
  const locked = await tx.select().from(initiatives).where(inArray(initiatives.id, ids)).orderBy(asc(initiatives.id)).for("update");
  const rows = locked.filter((r) => r.id === id);
  const current = rows[0];
  if (!current) return { kind: "conflict", reason: `initiative ${id} no longer exists` };
  if (current.mergedInto) return { kind: "conflict", reason: `initiative ${id} was merged into ${current.mergedInto}` };
  if (current.version !== input.baseVersion) {
    return { kind: "conflict", reason: `initiative ${id} is at version ${current.version}, the diff was computed against ${input.baseVersion}` };
  }
  const lastSeen = input.seenAt > current.lastSeen ? input.seenAt : current.lastSeen;
  const firstSeen = input.seenAt < current.firstSeen ? input.seenAt : current.firstSeen;
  if (input.action === "duplicate") {
    // A duplicate changes no field, but its wording and keys still widen what later reports of
    // the same initiative can match (the signature and the index), without a new version.
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

/**
 * Everything a story leaves besides the initiative row, in one statement (one round trip): new
 * index rows, the mention, the version row (not for duplicates) and the outbox event.
 */
async function record(tx: Tx, input: ApplyInput, initiativeId: string, version: number, title: string, type: string, w: InitiativeWrite | null) {
  const bands = w ? [...new Set(w.bandKeys)] : [];
  const keys = w ? [...new Set(w.keys)] : [];
  const payload: InitiativeEventPayload = { initiativeId, version, itemId: input.itemId, title, diff: input.diff };
  const silent = input.silent || input.action === "duplicate";
  await tx.execute(sql`
    with
      b as (insert into ${signatureBands} (band_key, initiative_id)
            select k, ${initiativeId} from unnest(${textArray(bands)}) as k on conflict do nothing returning 1),
      k as (insert into ${initiativeKeys} (key, initiative_id, seen_at)
            select k, ${initiativeId}, ${input.seenAt.toISOString()}::timestamptz from unnest(${textArray(keys)}) as k
            on conflict (key, initiative_id) do update set seen_at = greatest(${initiativeKeys.seenAt}, excluded.seen_at) returning 1),
      m as (insert into ${mentions} (item_id, initiative_id, decision, score, reasons, minhash, profile)
            values (${input.itemId}, ${initiativeId}, ${input.action}, ${input.score}, ${JSON.stringify(input.reasons)}::jsonb,
                    ${input.minhash ? JSON.stringify(input.minhash) : null}::jsonb,
                    ${input.profile ? JSON.stringify(input.profile) : null}::jsonb) returning 1),
      v as (insert into ${initiativeVersions} (initiative_id, version, action, diff, item_id)
            select ${initiativeId}, ${version}, ${input.action}, ${JSON.stringify(input.diff)}::jsonb, ${input.itemId}
            where ${input.action} <> 'duplicate' returning 1),
      e as (insert into ${events} (type, initiative_id, item_id, version, payload, silent)
            values (${type}, ${initiativeId}, ${input.itemId}, ${version}, ${JSON.stringify(payload)}::jsonb, ${silent})
            on conflict do nothing returning 1)
    select (select count(*) from m) as mentions`);
}
