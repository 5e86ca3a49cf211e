import { boolean, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export interface SubscriptionFilters {
  regions?: string[];
  themes?: string[];
  orgs?: string[];
  keywords?: string[];
}

/** Who wants which digests, through which channel (file, email, slack). */
export const subscriptions = pgTable("subscriptions", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  channel: text("channel").notNull(),
  /** File path, email address or Slack webhook URL (a secret: never logged). */
  target: text("target").notNull(),
  filters: jsonb("filters").$type<SubscriptionFilters>().notNull().default({}),
  cadence: text("cadence").notNull().default("daily"),
  enabled: boolean("enabled").notNull().default(true),
  lastWindowEnd: timestamp("last_window_end", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
