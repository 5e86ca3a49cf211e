import { boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { sources } from "./sources.js";

/**
 * One row per canonical URL (unique): an article seen in two feeds is fetched once.
 * `status` is where an operator sees what happened: pending → fetched → analyzed, or failed
 * with `errorCode` and `error` kept.
 */
export const articles = pgTable(
  "articles",
  {
    id: text("id").primaryKey(),
    canonicalUrl: text("canonical_url").notNull().unique(),
    sourceId: text("source_id").references(() => sources.id, { onDelete: "set null" }),
    finalUrl: text("final_url"),
    feedTitle: text("feed_title"),
    title: text("title"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    status: text("status").notNull().default("pending"),
    httpStatus: integer("http_status"),
    contentType: text("content_type"),
    rawHtml: text("raw_html"),
    contentHash: text("content_hash"),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }),
    analyzerVersion: text("analyzer_version"),
    analyzedAt: timestamp("analyzed_at", { withTimezone: true }),
    errorCode: text("error_code"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    backfill: boolean("backfill").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("articles_status_idx").on(t.status), index("articles_analyzer_version_idx").on(t.analyzerVersion)],
);
