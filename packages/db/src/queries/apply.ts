import { eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { mentions } from "../schema/mentions.js";
import { applyLocked } from "./apply-locked.js";
import { IN_FLIGHT_MARGIN_MS, bridged, call, contentFields, storyFields, type ApplyInput, type ApplyOutcome } from "./apply-model.js";
import { bridgeUnlocked, touchUnlocked } from "./apply-unlocked.js";

export * from "./apply-model.js";

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

function isMentionConflict(err: unknown): boolean {
  for (let e = err as { code?: string; constraint?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    // node-postgres reports the constraint's name; PGlite's error may carry it only in the message.
    if (e.code === "23505" && (e.constraint === "mentions_pkey" || /"mentions_pkey"/.test(e.message ?? ""))) return true;
  }
  return false;
}
