import { index, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { initiatives } from "./initiatives.js";

/**
 * Candidate look-up for resolution, kept in the store rather than worker memory so any worker
 * on any machine sees the same index. `signature_bands` holds LSH band hashes of MinHash
 * signatures; `initiative_keys` holds organisation codes and distinctive names.
 */
export const signatureBands = pgTable(
  "signature_bands",
  {
    bandKey: text("band_key").notNull(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
  },
  // By initiative too: folds, splits and cascading deletes remove an initiative's rows.
  (t) => [primaryKey({ columns: [t.bandKey, t.initiativeId] }), index("signature_bands_initiative_idx").on(t.initiativeId)],
);

export const initiativeKeys = pgTable(
  "initiative_keys",
  {
    key: text("key").notNull(),
    initiativeId: text("initiative_id")
      .notNull()
      .references(() => initiatives.id, { onDelete: "cascade" }),
    /**
     * Publication time of the newest story filed under this key for this initiative. A busy
     * trust's key holds thousands of initiatives; resolve reads only the most recently reported
     * ones per key (an index range scan), so a look-up costs the same at any size.
     */
    seenAt: timestamp("seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.key, t.initiativeId] }),
    index("initiative_keys_initiative_idx").on(t.initiativeId),
    index("initiative_keys_recent_idx").on(t.key, t.seenAt.desc(), t.initiativeId),
  ],
);
