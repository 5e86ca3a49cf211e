import { boolean, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Feed registry and per-source health (what `radar sources list` shows). */
export const sources = pgTable("sources", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  feedUrl: text("feed_url").notNull().unique(),
  kind: text("kind").notNull().default("rss"),
  pollIntervalMinutes: integer("poll_interval_minutes").notNull().default(30),
  /** Adaptive interval actually in force (slows for quiet sources, speeds up for busy ones). */
  currentIntervalMinutes: integer("current_interval_minutes"),
  enabled: boolean("enabled").notNull().default(true),
  hints: jsonb("hints").$type<Record<string, unknown>>().notNull().default({}),
  etag: text("etag"),
  lastModified: text("last_modified"),
  lastPolledAt: timestamp("last_polled_at", { withTimezone: true }),
  lastSuccessAt: timestamp("last_success_at", { withTimezone: true }),
  lastNewArticleAt: timestamp("last_new_article_at", { withTimezone: true }),
  consecutiveFailures: integer("consecutive_failures").notNull().default(0),
  lastError: text("last_error"),
  pausedReason: text("paused_reason"),
  pollsTotal: integer("polls_total").notNull().default(0),
  pollsNotModified: integer("polls_not_modified").notNull().default(0),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
