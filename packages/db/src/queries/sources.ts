import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { sources } from "../schema/sources.js";

export type SourceRow = typeof sources.$inferSelect;

export interface SourceSeed {
  id: string;
  name: string;
  feedUrl: string;
  kind?: string;
  pollIntervalMinutes?: number;
  enabled?: boolean;
  hints?: Record<string, unknown>;
}

/** Seeds the registry without overwriting what operators changed (enabled, interval). */
export async function seedSources(db: Db, seeds: SourceSeed[]): Promise<number> {
  if (seeds.length === 0) return 0;
  const rows = await db
    .insert(sources)
    .values(seeds.map((s) => ({ ...s, hints: s.hints ?? {} })))
    .onConflictDoNothing()
    .returning({ id: sources.id });
  return rows.length;
}

export async function listSources(db: Db): Promise<SourceRow[]> {
  return db.select().from(sources).orderBy(asc(sources.id));
}

export async function getSource(db: Db, id: string): Promise<SourceRow | null> {
  const rows = await db.select().from(sources).where(eq(sources.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function setSourceEnabled(db: Db, id: string, enabled: boolean): Promise<boolean> {
  const rows = await db
    .update(sources)
    .set({ enabled, ...(enabled ? { pausedReason: null, consecutiveFailures: 0 } : {}) })
    .where(eq(sources.id, id))
    .returning({ id: sources.id });
  return rows.length > 0;
}

export interface PollOutcome {
  ok: boolean;
  notModified?: boolean;
  newArticles?: number;
  etag?: string | null;
  lastModified?: string | null;
  error?: string;
  intervalMinutes?: number;
  pausedReason?: string | null;
}

/** Records one poll in the source's health counters. */
export async function recordPoll(db: Db, id: string, o: PollOutcome): Promise<SourceRow | null> {
  const now = new Date();
  const rows = await db
    .update(sources)
    .set({
      lastPolledAt: now,
      pollsTotal: sql`${sources.pollsTotal} + 1`,
      ...(o.ok
        ? {
            lastSuccessAt: now,
            consecutiveFailures: 0,
            lastError: null,
            ...(o.notModified ? { pollsNotModified: sql`${sources.pollsNotModified} + 1` } : {}),
            ...(o.newArticles ? { lastNewArticleAt: now } : {}),
            ...(o.etag !== undefined ? { etag: o.etag } : {}),
            ...(o.lastModified !== undefined ? { lastModified: o.lastModified } : {}),
          }
        : { consecutiveFailures: sql`${sources.consecutiveFailures} + 1`, lastError: o.error ?? "unknown error" }),
      ...(o.intervalMinutes ? { currentIntervalMinutes: o.intervalMinutes } : {}),
      ...(o.pausedReason ? { pausedReason: o.pausedReason, enabled: false } : {}),
    })
    .where(eq(sources.id, id))
    .returning();
  return rows[0] ?? null;
}
