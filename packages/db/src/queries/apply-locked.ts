import { asc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { initiatives } from "../schema/initiatives.js";
import { mentions } from "../schema/mentions.js";
import { bridged, initiativeColumns, staleness, storyFields, type ApplyInput, type ApplyOutcome, type InitiativeWrite } from "./apply-model.js";
import { foldInto, type Tx } from "./curate.js";

/**
 * The locked path, one transaction, when a row changed between the unlocked read and the write
 * (or vanished): row locks, then the same checks; record_story writes what the story leaves and
 * foldInto folds the initiatives it bridges.
 */
export async function applyLocked(db: Db, input: ApplyInput): Promise<ApplyOutcome> {
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
