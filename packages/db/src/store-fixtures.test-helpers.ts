/**
 * Shared by the store's integration tests: both backends, opened fresh and removed afterwards,
 * and the analysed items and initiative states the tests write.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AnalyzedItem, InitiativeState } from "@radar/core";
import { createTestDatabase } from "@radar/test-support";
import { openStore, type ApplyInput, type Store } from "./index.js";

export type OpenBackend = () => Promise<{ store: Store; done: () => Promise<void> }>;

/** PostgreSQL (a database of its own) and PGlite (a directory of its own), for describe.each. */
export const storeBackends: Array<[string, OpenBackend]> = [
  [
    "postgres",
    async () => {
      const tdb = await createTestDatabase();
      const store = await openStore({ databaseUrl: tdb.url, dataDir: os.tmpdir() });
      return { store, done: async () => (await store.close(), await tdb.drop()) };
    },
  ],
  [
    "pglite",
    async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-pglite-"));
      const store = await openStore({ databaseUrl: null, dataDir: dir });
      return { store, done: async () => (await store.close(), fs.rmSync(dir, { recursive: true, force: true })) };
    },
  ],
];

/** A story of West London NHS Trust (override any field). */
export const wltItem = (ordinal: number, over: Partial<AnalyzedItem> = {}): AnalyzedItem => ({
  ordinal,
  heading: null,
  section: null,
  text: `story ${ordinal}`,
  kind: "initiative",
  orgs: [{ name: "West London NHS Trust", code: "RKL", kind: "trust" }],
  region: "London",
  icb: "West and North London",
  themes: [],
  money: [],
  periods: [],
  suppliers: [],
  programmes: [],
  figures: [],
  status: "planned",
  reasons: [],
  ...over,
});

/** A West London NHS Trust initiative's state. */
export const wltState = (title: string, status: InitiativeState["status"] = "planned"): InitiativeState => ({
  title,
  orgs: ["RKL"],
  orgNames: ["West London NHS Trust"],
  region: "London",
  icb: "West and North London",
  themes: ["strategy-funding"],
  status,
  money: [],
  periods: [],
  suppliers: [],
  programmes: [],
  facts: [],
});

/**
 * A story founding a new initiative, as apply is handed it: no candidate, nothing seen, reported
 * on 2025-06-01; each test gives its keys and the initiative it creates, and overrides the rest.
 */
export function newStoryInput(itemId: string, o: Partial<ApplyInput> & Pick<ApplyInput, "lockKeys" | "create">): ApplyInput {
  return {
    itemId,
    action: "new",
    initiativeId: null,
    baseVersion: null,
    score: 0,
    reasons: ["no candidate"],
    diff: {},
    seen: [],
    silent: false,
    resolvedAt: null,
    seenAt: new Date("2025-06-01T00:00:00Z"),
    ...o,
  };
}
