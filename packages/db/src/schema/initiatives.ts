import type { InitiativeState } from "@radar/core";
import { index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Current state of each initiative; `version` is the optimistic-concurrency counter. */
export const initiatives = pgTable(
  "initiatives",
  {
    id: text("id").primaryKey(),
    title: text("title").notNull(),
    primaryOrg: text("primary_org"),
    region: text("region"),
    icb: text("icb"),
    status: text("status"),
    state: jsonb("state").$type<InitiativeState>().notNull(),
    /** MinHash of everything reported about it (element-wise min over its stories). */
    minhash: jsonb("minhash").$type<number[]>().notNull(),
    version: integer("version").notNull().default(1),
    /** Set when merged into another initiative by an operator; merged rows are never candidates. */
    mergedInto: text("merged_into"),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("initiatives_primary_org_idx").on(t.primaryOrg),
    index("initiatives_last_seen_idx").on(t.lastSeen),
    // Apply's rival check and resolve's "recent initiatives" read the newest rows only.
    index("initiatives_created_at_idx").on(t.createdAt),
  ],
);
