import { integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";
import { subscriptions } from "./subscriptions.js";

/** One digest per subscription and window (unique): a digest is composed and sent once. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    subscriptionId: text("subscription_id")
      .notNull()
      .references(() => subscriptions.id, { onDelete: "cascade" }),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    windowEnd: timestamp("window_end", { withTimezone: true }).notNull(),
    status: text("status").notNull().default("pending"),
    eventCount: integer("event_count").notNull().default(0),
    /** Where the channel put it: a file path, an SMTP message id, a Slack ts. */
    providerMessageId: text("provider_message_id"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("deliveries_subscription_window_uq").on(t.subscriptionId, t.windowEnd)],
);
