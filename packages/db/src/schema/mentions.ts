import { sql } from "drizzle-orm";
import { index, json, jsonb, pgTable, real, text, timestamp } from "drizzle-orm/pg-core";
import { initiatives } from "./initiatives.js";
import { items } from "./items.js";

/** Story → initiative, unique per item: applying the same story twice links it once. */
export const mentions = pgTable(
  "mentions",
  {
    itemId: text("item_id")
      .primaryKey()
      .references(() => items.id, { onDelete: "cascade" }),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    decision: text("decision").notNull(),
    score: real("score").notNull(),
    reasons: jsonb("reasons").$type<string[]>().notNull(),
    /** MinHash of the story as resolved: scoring later stories against it needs no re-signing. */
    minhash: jsonb("minhash").$type<number[]>(),
    /**
     * What scoring needs of the story, precomputed at apply (word sets, names, keys; see
     * StoryProfile in @radar/resolve): candidates' members are compared without re-reading or
     * re-tokenising their text. Null, or an older format, falls back to the item itself. json, not
     * jsonb: it is only ever read whole, and json comes back as stored, with no conversion.
     */
    profile: json("profile").$type<Record<string, unknown>>(),
    /**
     * The profile's format (its "v"), kept by PostgreSQL beside it: resolve's look-up checks it for
     * every member, and `profile->>'v'` parses the whole JSON text each time (about 40 µs a row,
     * most of a millisecond per story).
     */
    profileFormat: text("profile_format").generatedAlwaysAs(sql`profile->>'v'`),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("mentions_initiative_idx").on(t.initiativeId)],
);
