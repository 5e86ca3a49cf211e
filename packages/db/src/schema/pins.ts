import { pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { initiatives } from "./initiatives.js";
import { items } from "./items.js";

/**
 * Operator decisions resolution must respect: a story split out of an initiative, or moved by a
 * merge, stays where the operator put it, also when history is reprocessed.
 */
export const pins = pgTable("pins", {
  itemId: text("item_id")
    .primaryKey()
    .references(() => items.id, { onDelete: "cascade" }),
  initiativeId: text("initiative_id")
    .notNull()
    .references(() => initiatives.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
