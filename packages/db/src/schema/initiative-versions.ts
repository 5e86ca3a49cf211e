import type { Diff } from "@radar/core";
import { jsonb, pgTable, text, timestamp, integer, primaryKey } from "drizzle-orm/pg-core";
import { initiatives } from "./initiatives.js";

/** Append-only history: each version's typed diff and the story that caused it. */
export const initiativeVersions = pgTable(
  "initiative_versions",
  {
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    action: text("action").notNull(),
    diff: jsonb("diff").$type<Diff>().notNull(),
    itemId: text("item_id"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.initiativeId, t.version] })],
);
