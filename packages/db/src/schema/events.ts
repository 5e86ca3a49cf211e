import type { InitiativeEventPayload } from "@radar/core";
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/**
 * Transactional outbox, written in the same transaction as the initiative change.
 * Unique per (item, type) so a retried apply cannot emit twice.
 */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    type: text("type").notNull(),
    initiativeId: text("initiative_id").notNull(),
    itemId: text("item_id").notNull(),
    version: integer("version").notNull(),
    payload: jsonb("payload").$type<InitiativeEventPayload>().notNull(),
    /** Backfilled stories are stored but never notified. */
    silent: boolean("silent").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("events_item_type_uq").on(t.itemId, t.type), index("events_created_idx").on(t.createdAt)],
);
