import type { AnalyzedItem } from "@radar/core";
import { index, integer, jsonb, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { articles } from "./articles.js";

/** A story within an article. Re-analysis replaces an article's items (unique article + ordinal). */
export const items = pgTable(
  "items",
  {
    id: text("id").primaryKey(),
    articleId: text("article_id")
      .notNull()
      .references(() => articles.id, { onDelete: "cascade" }),
    ordinal: integer("ordinal").notNull(),
    heading: text("heading"),
    text: text("text").notNull(),
    kind: text("kind").notNull(),
    primaryOrg: text("primary_org"),
    region: text("region"),
    icb: text("icb"),
    status: text("status"),
    /** The full analysis (orgs, themes with evidence, money, periods, …). */
    analysis: jsonb("analysis").$type<AnalyzedItem>().notNull(),
    analyzerVersion: text("analyzer_version").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("items_article_ordinal_uq").on(t.articleId, t.ordinal),
    index("items_analyzer_version_idx").on(t.analyzerVersion),
    index("items_region_idx").on(t.region),
  ],
);
