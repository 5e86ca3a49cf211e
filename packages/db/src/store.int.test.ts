import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzedItem } from "@radar/core";
import { createTestDatabase, type TestDatabase } from "@radar/test-support";
import { sql } from "drizzle-orm";
import {
  applyStory,
  loadCandidates,
  ensureArticle,
  findCandidates,
  listInitiatives,
  openStore,
  replaceItems,
  storeFetchedPage,
  type ApplyInput,
  type Store,
} from "./index.js";
import { newStoryInput, storeBackends, wltItem, wltState } from "./store-fixtures.test-helpers.js";

const item = (ordinal: number, text: string): AnalyzedItem => wltItem(ordinal, { text });

const state = wltState;

function newInput(itemId: string, id: string, seen: string[] = []): ApplyInput {
  return newStoryInput(itemId, {
    seen,
    lockKeys: ["org:RKL"],
    create: () => ({ id, title: "WLT digital strategy", state: state("WLT digital strategy"), minhash: [1, 2, 3], bandKeys: ["b0:aa"], keys: ["org:RKL"] }),
  });
}

async function seedArticle(store: Store, url: string, n: number) {
  const { id } = await ensureArticle(store.db, { url, sourceId: null });
  await storeFetchedPage(store.db, id, { finalUrl: url, httpStatus: 200, contentType: "text/html", html: "<p>x</p>", contentHash: `h-${url}` });
  return replaceItems(store.db, id, "v1", Array.from({ length: n }, (_, i) => item(i, `story ${i} of ${url}`)));
}

const backends = storeBackends;

describe.each(backends)("store on %s", (_name, open) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => ({ store, done } = await open()));
  afterAll(async () => done());

  it("stores an article once per canonical URL and notices unchanged pages", async () => {
    const a = await ensureArticle(store.db, { url: "https://htn.co.uk/a/", sourceId: null });
    const b = await ensureArticle(store.db, { url: "https://htn.co.uk/a/", sourceId: null });
    expect(a.created).toBe(true);
    expect(b).toEqual({ id: a.id, created: false });
    const page = { finalUrl: "https://htn.co.uk/a/", httpStatus: 200, contentType: "text/html", html: "<p>hi</p>", contentHash: "h1" };
    expect((await storeFetchedPage(store.db, a.id, page)).changed).toBe(true);
    expect((await storeFetchedPage(store.db, a.id, page)).changed).toBe(false);
    expect((await storeFetchedPage(store.db, a.id, { ...page, contentHash: "h2" })).changed).toBe(true);
  });

  it("replaces an article's items idempotently, dropping leftovers", async () => {
    const first = await seedArticle(store, "https://htn.co.uk/items/", 3);
    const again = await seedArticle(store, "https://htn.co.uk/items/", 2);
    expect(again).toEqual(first.slice(0, 2));
  });

  it("applies a new initiative once, with version, mention and outbox event", async () => {
    const [itemId] = await seedArticle(store, "https://htn.co.uk/new/", 1);
    const out = await applyStory(store.db, newInput(itemId!, "init-1"));
    expect(out).toMatchObject({ kind: "applied", action: "new", version: 1 });
    expect(await applyStory(store.db, newInput(itemId!, "init-other"))).toEqual({ kind: "already-applied", initiativeId: "init-1" });
    const [view] = await listInitiatives(store.db, { ids: ["init-1"] });
    expect(view!.mentions).toHaveLength(1);
    expect(view!.history.map((h) => h.version)).toEqual([1]);
    expect(await findCandidates(store.db, { bandKeys: [], keys: ["org:RKL"], limit: 50 })).toHaveLength(1);
  });

  it("refuses a stale diff, then applies an update and records a duplicate silently", async () => {
    const [a, b] = await seedArticle(store, "https://htn.co.uk/upd/", 2);
    const base: ApplyInput = {
      ...newInput(a!, "x"),
      action: "update",
      initiativeId: "init-1",
      baseVersion: 7,
      diff: { status: { from: "planned", to: "submitted-for-approval" } },
      update: (cur) => ({ title: cur.title, state: state(cur.title, "submitted-for-approval"), minhash: [1, 2, 3], bandKeys: [], keys: ["org:RKL"] }),
    };
    expect((await applyStory(store.db, base)).kind).toBe("conflict");
    expect(await applyStory(store.db, { ...base, baseVersion: 1 })).toMatchObject({ kind: "applied", version: 2, action: "update" });
    expect(await applyStory(store.db, { ...base, itemId: b!, action: "duplicate", baseVersion: 2, diff: {} })).toMatchObject({ action: "duplicate", version: 2 });
    const [view] = await listInitiatives(store.db, { ids: ["init-1"] });
    expect(view!.status).toBe("submitted-for-approval");
    expect(view!.history.map((h) => h.version)).toEqual([1, 2]);
    expect(view!.mentions.map((m) => m.decision)).toEqual(["new", "update", "duplicate"]);
  });

  it("sends a creation back to resolve when a rival initiative appeared meanwhile", async () => {
    const [itemId] = await seedArticle(store, "https://htn.co.uk/rival/", 1);
    const out = await applyStory(store.db, newInput(itemId!, "init-rival", []));
    expect(out.kind).toBe("conflict");
  });
});

describe("concurrent creation on PostgreSQL", () => {
  let tdb: TestDatabase;
  let stores: Store[] = [];
  beforeAll(async () => {
    tdb = await createTestDatabase();
    stores = [await openStore({ databaseUrl: tdb.url, dataDir: os.tmpdir() }), await openStore({ databaseUrl: tdb.url, dataDir: os.tmpdir(), migrate: false })];
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
    await tdb.drop();
  });

  it("two connections creating one initiative at the same moment end with one", async () => {
    const [i1, i2] = await seedArticle(stores[0]!, "https://htn.co.uk/race/", 2);
    const outcomes = await Promise.all([applyStory(stores[0]!.db, newInput(i1!, "race-a")), applyStory(stores[1]!.db, newInput(i2!, "race-b"))]);
    expect(outcomes.map((o) => o.kind).sort()).toEqual(["applied", "conflict"]);
    expect(await findCandidates(stores[0]!.db, { bandKeys: [], keys: ["org:RKL"], limit: 50 })).toHaveLength(1);
  });
});

describe("embedded store", () => {
  it("refuses a second opener of the same directory with a clear reason, and reopens after close", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-lock-"));
    const first = await openStore({ databaseUrl: null, dataDir: dir });
    fs.writeFileSync(path.join(dir, "pglite", "radar.lock"), String(process.ppid)); // as if another live process held it
    await expect(openStore({ databaseUrl: null, dataDir: dir })).rejects.toThrow(/in use by radar process \d+; stop it, or set DATABASE_URL/);
    fs.writeFileSync(path.join(dir, "pglite", "radar.lock"), String(process.pid));
    await first.close();
    const again = await openStore({ databaseUrl: null, dataDir: dir });
    await again.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("a story that bridges two initiatives", () => {
  it("folds the bridged initiative into the chosen one in the same transaction", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-bridge-"));
    const store = await openStore({ databaseUrl: null, dataDir: dir });
    try {
      const [a, b, c] = await seedArticle(store, "https://htn.co.uk/bridge/", 3);
      await applyStory(store.db, { ...newInput(a!, "bridge-a"), lockKeys: ["org:A"] });
      await applyStory(store.db, { ...newInput(b!, "bridge-b"), lockKeys: ["org:B"], create: () => ({ ...newInput(b!, "bridge-b").create!(), keys: ["org:B"] }) });
      const rebuilt: string[][] = [];
      const out = await applyStory(store.db, {
        ...newInput(c!, "x"),
        action: "duplicate",
        initiativeId: "bridge-a",
        baseVersion: 1,
        alsoMatches: ["bridge-b"],
        update: (cur) => ({ title: cur.title, state: cur.state, minhash: cur.minhash, bandKeys: [], keys: ["org:B"] }),
        rebuild: (stories) => {
          rebuilt.push(stories.map((s) => s.itemId));
          return { title: "rebuilt", state: state("rebuilt"), minhash: [0], bandKeys: ["b0:zz"], keys: ["org:RKL"] };
        },
      });
      expect(out).toMatchObject({ kind: "applied", initiativeId: "bridge-a", version: 2 });
      expect(rebuilt).toEqual([[a, b, c].sort()].map((x) => expect.arrayContaining(x)));
      const views = await listInitiatives(store.db);
      expect(views.map((v) => v.id)).toEqual(["bridge-a"]);
      expect(views[0]!.mentions).toHaveLength(3);
      expect(views[0]!.history.map((h) => h.version)).toEqual([1, 2]);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("rivals at scale", () => {
  it("old initiatives sharing a busy key never block a creation; one created since resolve does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-rivals-"));
    const store = await openStore({ databaseUrl: null, dataDir: dir });
    try {
      const ids = await seedArticle(store, "https://htn.co.uk/busy/", 63);
      const big = (itemId: string, id: string, seen: string[]): ApplyInput => ({
        ...newInput(itemId, id, seen),
        lockKeys: ["org:BIG"],
        create: () => ({ ...newInput(itemId, id).create!(), keys: ["org:BIG"] }),
      });
      for (let i = 0; i < 60; i++) {
        const out = await applyStory(store.db, big(ids[i]!, `old-${i}`, Array.from({ length: i }, (_, k) => `old-${k}`)));
        expect(out.kind).toBe("applied");
      }
      await store.db.execute(sql`update initiatives set created_at = now() - interval '1 hour'`);
      const { now: resolvedAt } = await loadCandidates(store.db, { bandKeys: [], keys: [], limit: 1 });
      // Resolve saw only its top candidates, not all sixty: that is fine, they are old.
      const fresh = await applyStory(store.db, { ...big(ids[60]!, "fresh", ["old-0"]), resolvedAt });
      expect(fresh).toMatchObject({ kind: "applied", initiativeId: "fresh" });
      // A story resolved before "fresh" existed has not been compared with it: resolve again.
      const stale = await applyStory(store.db, { ...big(ids[61]!, "late", ["old-0"]), resolvedAt: new Date(resolvedAt.getTime() - 1) });
      expect(stale.kind).toBe("conflict");
      // And resolve, reading again, always sees the recent one among its candidates.
      const cands = await findCandidates(store.db, { bandKeys: [], keys: ["org:BIG"], limit: 5, includeRecent: true });
      expect(cands.map((c) => c.id)).toContain("fresh");
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
