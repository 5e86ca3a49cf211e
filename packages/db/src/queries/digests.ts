import { and, asc, eq, gt, lte } from "drizzle-orm";
import type { Db } from "../client.js";
import { deliveries } from "../schema/deliveries.js";
import { events } from "../schema/events.js";
import { subscriptions, type SubscriptionFilters } from "../schema/subscriptions.js";

export type SubscriptionRow = typeof subscriptions.$inferSelect;
export type DeliveryRow = typeof deliveries.$inferSelect;
export type EventRow = typeof events.$inferSelect;

export async function upsertSubscription(
  db: Db,
  s: { id: string; name: string; channel: string; target: string; filters?: SubscriptionFilters; cadence?: string },
): Promise<void> {
  await db
    .insert(subscriptions)
    .values({ ...s, filters: s.filters ?? {} })
    .onConflictDoUpdate({ target: subscriptions.id, set: { name: s.name, channel: s.channel, target: s.target, filters: s.filters ?? {} } });
}

export async function getSubscription(db: Db, id: string): Promise<SubscriptionRow | null> {
  const rows = await db.select().from(subscriptions).where(eq(subscriptions.id, id)).limit(1);
  return rows[0] ?? null;
}

/** Events that may be notified: not silent (backfills, duplicates), inside the window. */
export async function eventsInWindow(db: Db, start: Date, end: Date): Promise<EventRow[]> {
  return db
    .select()
    .from(events)
    .where(and(eq(events.silent, false), gt(events.createdAt, start), lte(events.createdAt, end)))
    .orderBy(asc(events.id));
}

/** Creates the delivery for (subscription, window) once; a repeated compose finds the same row. */
export async function ensureDelivery(db: Db, d: { id: string; subscriptionId: string; windowStart: Date; windowEnd: Date; eventCount: number }): Promise<DeliveryRow> {
  await db.insert(deliveries).values(d).onConflictDoNothing();
  const rows = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.subscriptionId, d.subscriptionId), eq(deliveries.windowEnd, d.windowEnd)))
    .limit(1);
  return rows[0]!;
}

export async function getDelivery(db: Db, id: string): Promise<DeliveryRow | null> {
  const rows = await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1);
  return rows[0] ?? null;
}

export async function markDelivery(db: Db, id: string, v: { status: string; providerMessageId?: string | null; error?: string | null }) {
  await db
    .update(deliveries)
    .set({ status: v.status, providerMessageId: v.providerMessageId ?? null, error: v.error ?? null, ...(v.status === "sent" ? { sentAt: new Date() } : {}) })
    .where(eq(deliveries.id, id));
}
