/**
 * applyStory's one-statement paths (migration 0006: apply_new_story, apply_known_story,
 * record_story): idempotency, optimistic concurrency, rivals seen after waiting for a lock, and
 * the same rows on PostgreSQL and on embedded PGlite.
 */
import os from "node:os";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzedItem } from "@radar/core";
import { createTestDatabase, type TestDatabase } from "@radar/test-support";
import { asc, sql } from "drizzle-orm";
import {
  applyStory,
  ensureArticle,
  events,
  initiativeKeys,
  initiativeVersions,
  initiatives,
  mentions,
  openStore,
  replaceItems,
  signatureBands,
  storeFetchedPage,
  type ApplyInput,
  type Db,
  type InitiativeRow,
  type Store,
} from "./index.js";
import { newStoryInput, storeBackends, wltItem, wltState } from "./store-fixtures.test-helpers.js";

const item = (ordinal: number): AnalyzedItem => wltItem(ordinal);

const state = wltState;

const minOf = (a: number[], b: number[]) => a.map((x, i) => Math.min(x, b[i] ?? x));

function newInput(itemId: string, id: string, o: Partial<ApplyInput> = {}): ApplyInput {
  return newStoryInput(itemId, {
    lockKeys: ["org:RKL", "prog:epr", "b0:aa", "b1:bb"],
    minhash: [5, 6, 7],
    profile: { v: 1, words: ["epr", "go-live"] },
    create: () => ({ id, title: "WLT EPR", state: state("WLT EPR"), minhash: [5, 6, 7], bandKeys: ["b0:aa", "b1:bb"], keys: ["org:RKL", "prog:epr"] }),
    ...o,
  });
}

/** An update (or, with action "duplicate", a duplicate) of `id` computed against `baseVersion`. */
function touchInput(itemId: string, id: string, baseVersion: number, o: Partial<ApplyInput> = {}): ApplyInput {
  const storyMinhash = o.minhash ?? [4, 9, 1];
  return {
    ...newInput(itemId, "unused"),
    action: "update",
    initiativeId: id,
    baseVersion,
    score: 0.9,
    reasons: ["same organisation", "shared programme"],
    diff: { status: { from: "planned", to: "live" } },
    seen: [id],
    minhash: storyMinhash,
    lockKeys: ["org:RKL", "money:1000000"],
    create: undefined,
    update: (cur: InitiativeRow) => ({
      title: cur.title,
      state: state(cur.title, "live"),
      minhash: minOf(cur.minhash, storyMinhash),
      bandKeys: ["b2:cc"],
      keys: ["org:RKL", "money:1000000"],
    }),
    ...o,
  };
}

async function seedItems(store: Store, url: string, n: number): Promise<string[]> {
  const { id } = await ensureArticle(store.db, { url, sourceId: null });
  await storeFetchedPage(store.db, id, { finalUrl: url, httpStatus: 200, contentType: "text/html", html: "<p>x</p>", contentHash: `h-${url}` });
  return replaceItems(store.db, id, "v1", Array.from({ length: n }, (_, i) => item(i)));
}

/** Everything apply writes, without database-assigned times and serial ids: comparable across backends. */
async function dump(db: Db, ids: string[]) {
  const inIds = sql`in (${sql.join(ids.map((x) => sql`${x}`), sql`, `)})`;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    initiatives: (await db.select().from(initiatives).where(sql`${initiatives.id} ${inIds}`).orderBy(asc(initiatives.id))).map(
      ({ createdAt: _c, updatedAt: _u, firstSeen, lastSeen, ...r }) => ({ ...r, firstSeen: iso(firstSeen), lastSeen: iso(lastSeen) }),
    ),
    mentions: (await db.select().from(mentions).where(sql`${mentions.initiativeId} ${inIds}`).orderBy(asc(mentions.itemId))).map(({ createdAt: _c, ...r }) => r),
    versions: (await db.select().from(initiativeVersions).where(sql`${initiativeVersions.initiativeId} ${inIds}`).orderBy(asc(initiativeVersions.initiativeId), asc(initiativeVersions.version))).map(
      ({ createdAt: _c, ...r }) => r,
    ),
    events: (await db.select().from(events).where(sql`${events.initiativeId} ${inIds}`).orderBy(asc(events.itemId), asc(events.type))).map(({ id: _i, createdAt: _c, ...r }) => r),
    bands: await db.select().from(signatureBands).where(sql`${signatureBands.initiativeId} ${inIds}`).orderBy(asc(signatureBands.bandKey), asc(signatureBands.initiativeId)),
    keys: (await db.select().from(initiativeKeys).where(sql`${initiativeKeys.initiativeId} ${inIds}`).orderBy(asc(initiativeKeys.key), asc(initiativeKeys.initiativeId))).map((k) => ({
      ...k,
      seenAt: iso(k.seenAt),
    })),
  };
}

/**
 * The store's Db, except that `before` runs once, just before the `nth` statement an unlocked
 * apply sends (apply.ts sends its reads and writes straight to the client, as prepared
 * statements): the write of an update or duplicate is its 2nd, that of a bridging story its 3rd.
 */
function interleaved(db: Db, before: () => Promise<unknown>, nth: number): Db {
  let calls = 0;
  const client = (db as unknown as { $client: object }).$client;
  const counted = new Proxy(client, {
    get(target, prop) {
      const v = Reflect.get(target, prop, target) as unknown;
      if (typeof v !== "function") return v;
      if (prop !== "query") return v.bind(target);
      return async (...args: unknown[]) => {
        if (++calls === nth) await before();
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "$client") return counted;
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
}

const backends = storeBackends;

const dumps = new Map<string, Awaited<ReturnType<typeof dump>>>();

describe.each(backends)("apply on %s", (name, open) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => ({ store, done } = await open()));
  afterAll(async () => done());

  it("writes new, update and duplicate once each; a second apply of an item is already-applied and writes nothing", async () => {
    const [a, b, c, d] = await seedItems(store, "https://htn.co.uk/parity/", 4);
    expect(await applyStory(store.db, newInput(a!, "par-1"))).toEqual({ kind: "applied", initiativeId: "par-1", version: 1, action: "new" });
    expect(await applyStory(store.db, newInput(a!, "par-other"))).toEqual({ kind: "already-applied", initiativeId: "par-1" });

    // Reported earlier than the first story: first_seen moves back, last_seen and key times stay.
    const update = touchInput(b!, "par-1", 1, { seenAt: new Date("2025-05-01T00:00:00Z") });
    expect(await applyStory(store.db, update)).toEqual({ kind: "applied", initiativeId: "par-1", version: 2, action: "update" });
    expect(await applyStory(store.db, update)).toEqual({ kind: "already-applied", initiativeId: "par-1" });

    // A duplicate: no version, a silent event, the signature widened, last_seen and key times moved.
    const duplicate = touchInput(c!, "par-1", 2, { action: "duplicate", diff: {}, minhash: [1, 8, 8], seenAt: new Date("2025-07-01T00:00:00Z") });
    expect(await applyStory(store.db, duplicate)).toEqual({ kind: "applied", initiativeId: "par-1", version: 2, action: "duplicate" });
    expect(await applyStory(store.db, duplicate)).toEqual({ kind: "already-applied", initiativeId: "par-1" });

    // A diff computed against a version that is no longer current.
    expect(await applyStory(store.db, touchInput(d!, "par-1", 1))).toEqual({
      kind: "conflict",
      reason: "initiative par-1 is at version 2, the diff was computed against 1",
    });

    const rows = await dump(store.db, ["par-1", "par-other"]);
    expect(rows.initiatives).toHaveLength(1);
    expect(rows.initiatives[0]).toMatchObject({
      status: "live",
      version: 2,
      minhash: [1, 6, 1],
      firstSeen: "2025-05-01T00:00:00.000Z",
      lastSeen: "2025-07-01T00:00:00.000Z",
      mergedInto: null,
    });
    expect(rows.mentions.map((m) => [m.itemId, m.decision])).toEqual([a, b, c].map((x, i) => [x, ["new", "update", "duplicate"][i]]));
    expect(rows.mentions[0]).toMatchObject({ minhash: [5, 6, 7], profile: { v: 1, words: ["epr", "go-live"] }, score: 0, reasons: ["no candidate"] });
    expect(rows.versions.map((v) => [v.version, v.action, v.itemId])).toEqual([
      [1, "new", a],
      [2, "update", b],
    ]);
    expect(rows.versions[1]!.diff).toEqual({ status: { from: "planned", to: "live" } });
    expect(rows.events.map((e) => [e.itemId, e.type, e.version, e.silent])).toEqual([
      [a, "initiative.created", 1, false],
      [b, "initiative.updated", 2, false],
      [c, "initiative.duplicate-seen", 2, true],
    ]);
    expect(rows.events[1]!.payload).toEqual({ initiativeId: "par-1", version: 2, itemId: b, title: "WLT EPR", diff: { status: { from: "planned", to: "live" } } });
    expect(rows.bands.map((x) => x.bandKey)).toEqual(["b0:aa", "b1:bb", "b2:cc"]);
    expect(rows.keys.map((k) => [k.key, k.seenAt])).toEqual([
      ["money:1000000", "2025-07-01T00:00:00.000Z"],
      ["org:RKL", "2025-07-01T00:00:00.000Z"],
      ["prog:epr", "2025-06-01T00:00:00.000Z"],
    ]);
    dumps.set(name, rows);
  });

  it("a write between the unlocked read and the guarded write is not lost: the story takes the locked path", async () => {
    const [a, b, c] = await seedItems(store, "https://htn.co.uk/interleaved/", 3);
    await applyStory(store.db, newInput(a!, "race-1", { lockKeys: ["org:RACE"] }));

    // Another story's duplicate lands in between: it changes the signature but not the version.
    // Applied on the row as read, this update would drop that change; under the lock it keeps it.
    const reads: number[][] = [];
    const update = touchInput(b!, "race-1", 1, { minhash: [9, 9, 0] });
    const compute = update.update!;
    update.update = (cur) => (reads.push(cur.minhash), compute(cur));
    const sneaky = interleaved(store.db, () => store.db.execute(sql`update initiatives set minhash = '[0, 0, 3]'::jsonb where id = 'race-1'`), 2);
    expect(await applyStory(sneaky, update)).toEqual({ kind: "applied", initiativeId: "race-1", version: 2, action: "update" });
    expect(reads).toEqual([
      [5, 6, 7],
      [0, 0, 3],
    ]);
    const [row] = (await dump(store.db, ["race-1"])).initiatives;
    expect(row!.minhash).toEqual([0, 0, 0]);

    // An update lands in between: the diff was computed against the version before it.
    const bump = interleaved(store.db, () => store.db.execute(sql`update initiatives set version = version + 1 where id = 'race-1'`), 2);
    expect(await applyStory(bump, touchInput(c!, "race-1", 2))).toEqual({
      kind: "conflict",
      reason: "initiative race-1 is at version 3, the diff was computed against 2",
    });
    expect((await dump(store.db, ["race-1"])).mentions.map((m) => m.itemId)).toEqual([a, b]);
  });

  it("a story bridging two initiatives folds one into the other, the same way on the unlocked and the locked path", async () => {
    const run = async (prefix: string, forceLocked: boolean) => {
      const [a, b, c] = await seedItems(store, `https://htn.co.uk/bridging-${prefix}/`, 3);
      const [A, B] = [`${prefix}-a`, `${prefix}-b`];
      await applyStory(store.db, newInput(a!, A, { lockKeys: [`org:${prefix}A`] }));
      await applyStory(store.db, newInput(b!, B, { lockKeys: [`org:${prefix}B`], create: () => ({ ...newInput(b!, B).create!(), keys: ["org:B"], bandKeys: ["b9:bb"] }) }));
      const replayed: string[][] = [];
      const input = touchInput(c!, A, 1, {
        alsoMatches: [B, B, A],
        rebuild: (stories) => {
          replayed.push(stories.map((x) => x.itemId));
          const title = `rebuilt from ${stories.length}`;
          return { title, state: state(title, "live"), minhash: [stories.length, 0, 0], bandKeys: ["b0:zz", "b0:zz"], keys: ["org:RKL", "org:B"] };
        },
      });
      // A no-op write to the survivor between the read and the write sends the story to the locked path.
      const db = forceLocked ? interleaved(store.db, () => store.db.execute(sql`update initiatives set title = title where id = ${A}`), 3) : store.db;
      expect(await applyStory(db, input)).toEqual({ kind: "applied", initiativeId: A, version: 3, action: "update" });
      expect(replayed).toEqual(Array.from({ length: forceLocked ? 2 : 1 }, () => [a, b, c]));
      const rows = await dump(store.db, [A, B]);
      // The same rows but for the names each run gives its initiatives and items.
      let text = JSON.stringify(rows).replaceAll(`${prefix}-`, "X-");
      for (const [k, x] of [a!, b!, c!].entries()) text = text.replaceAll(x, `item-${k}`);
      return JSON.parse(text) as typeof rows;
    };
    const rows = await run("bu", false);
    const locked = await run("bl", true);
    const [a, b, c] = ["item-0", "item-1", "item-2"];
    expect(rows.initiatives.map((i) => [i.id, i.version, i.mergedInto, i.title])).toEqual([
      ["X-a", 3, null, "rebuilt from 3"],
      ["X-b", 2, "X-a", "WLT EPR"],
    ]);
    expect(rows.mentions.map((m) => [m.itemId, m.initiativeId])).toEqual([[a, "X-a"], [b, "X-a"], [c, "X-a"]]);
    expect(rows.versions.map((v) => [v.initiativeId, v.version, v.action, v.note])).toEqual([
      ["X-a", 1, "new", null],
      ["X-a", 2, "update", null],
      ["X-a", 3, "merge", `story ${c} matched both: merged X-b (WLT EPR)`],
      ["X-b", 1, "new", null],
      ["X-b", 2, "merged-into", "merged into X-a"],
    ]);
    expect(rows.bands).toEqual([{ bandKey: "b0:zz", initiativeId: "X-a" }]);
    expect(rows.keys.map((k) => [k.key, k.initiativeId])).toEqual([
      ["org:B", "X-a"],
      ["org:RKL", "X-a"],
    ]);
    expect(rows.events.map((e) => [e.initiativeId, e.type, e.version])).toEqual([
      ["X-a", "initiative.created", 1],
      ["X-b", "initiative.created", 1],
      ["X-a", "initiative.updated", 2],
    ]);
    expect(locked).toEqual(rows);
  });

  it("a bridging story replays the stories as they are when it writes: one deleted since its read is left out", async () => {
    const [a, b, c] = await seedItems(store, "https://htn.co.uk/bridging-gone/", 3);
    await applyStory(store.db, newInput(a!, "gone-a", { lockKeys: ["org:GA"] }));
    await applyStory(store.db, newInput(b!, "gone-b", { lockKeys: ["org:GB"] }));
    const replayed: string[][] = [];
    const input = touchInput(c!, "gone-a", 1, {
      alsoMatches: ["gone-b"],
      rebuild: (stories) => (replayed.push(stories.map((x) => x.itemId)), { title: "t", state: state("t"), minhash: [1], bandKeys: [], keys: [] }),
    });
    // The mention goes without its initiative's row being written (as when its item is deleted).
    const db = interleaved(store.db, () => store.db.execute(sql`delete from mentions where item_id = ${b!}`), 3);
    expect(await applyStory(db, input)).toMatchObject({ kind: "applied", initiativeId: "gone-a", version: 3 });
    expect(replayed).toEqual([
      [a, b, c],
      [a, c],
    ]);
  });

  it("refuses updates of merged or missing initiatives with the same reasons as before", async () => {
    const [a, b, c] = await seedItems(store, "https://htn.co.uk/merged/", 3);
    await applyStory(store.db, newInput(a!, "gone-1", { lockKeys: ["org:GONE"] }));
    await store.db.execute(sql`update initiatives set merged_into = 'elsewhere' where id = 'gone-1'`);
    expect(await applyStory(store.db, touchInput(b!, "gone-1", 1))).toEqual({ kind: "conflict", reason: "initiative gone-1 was merged into elsewhere" });
    expect(await applyStory(store.db, touchInput(c!, "no-such", 1))).toEqual({ kind: "conflict", reason: "initiative no-such no longer exists" });
  });

  it("plans the statements inside apply's functions once per connection (migration 0010)", async () => {
    // Left to plan_cache_mode = auto, PostgreSQL re-planned some of them on every call: an eighth of
    // the server's time per applied story. The bridging reads are functions for the same reason.
    const res = (await store.db.execute(
      "select proname, proconfig from pg_proc where proname in ('record_story', 'apply_new_story', 'apply_known_story', 'apply_bridging_story', 'radar_apply_rows', 'radar_apply_stories', 'radar_candidates') order by proname",
    )) as unknown as { rows: Array<{ proname: string; proconfig: string[] | null }> };
    expect(res.rows.map((r) => r.proname)).toEqual(["apply_bridging_story", "apply_known_story", "apply_new_story", "radar_apply_rows", "radar_apply_stories", "radar_candidates", "record_story"]);
    for (const r of res.rows) expect(r.proconfig, r.proname).toContain("plan_cache_mode=force_generic_plan");
  });

  it("finds a rival among many recent creations (driven from the story's keys past 500)", async () => {
    const [a, b, c] = await seedItems(store, "https://htn.co.uk/backfill/", 3);
    await store.db.execute(sql`
      insert into initiatives (id, title, state, minhash, first_seen, last_seen)
      select 'bulk-' || g, 'bulk', '{}'::jsonb, '[]'::jsonb, now(), now() from generate_series(1, 520) as g`);
    await store.db.execute(sql`insert into initiative_keys (key, initiative_id) values ('org:BULK', 'bulk-7')`);
    const story = (itemId: string, id: string, seen: string[]) =>
      newInput(itemId, id, {
        lockKeys: ["org:BULK"],
        seen,
        resolvedAt: new Date(Date.now() - 120_000),
        create: () => ({ id, title: "bulk", state: state("bulk"), minhash: [1], bandKeys: [], keys: ["org:BULK"] }),
      });
    expect(await applyStory(store.db, story(a!, "bulk-new", []))).toEqual({ kind: "conflict", reason: "initiative bulk-7 appeared since this story was resolved" });
    expect(await applyStory(store.db, story(b!, "bulk-new", ["bulk-7"]))).toMatchObject({ kind: "applied", initiativeId: "bulk-new" });
    // And with few recent creations, the check starts from them (bulk-new is now one, sharing org:BULK).
    await store.db.execute(sql`update initiatives set created_at = now() - interval '1 day' where id like 'bulk-%' and id <> 'bulk-new'`);
    expect(await applyStory(store.db, story(c!, "bulk-late", ["bulk-7"]))).toEqual({ kind: "conflict", reason: "initiative bulk-new appeared since this story was resolved" });
  });
});

describe("apply on both backends", () => {
  it("leaves the same rows on PostgreSQL and PGlite", () => {
    expect(dumps.get("postgres")).toBeDefined();
    expect(dumps.get("pglite")).toEqual(dumps.get("postgres"));
  });
});

describe("apply under concurrency on PostgreSQL", () => {
  let tdb: TestDatabase;
  let store: Store;
  let other: pg.Client;
  let watcher: pg.Client;
  beforeAll(async () => {
    tdb = await createTestDatabase();
    store = await openStore({ databaseUrl: tdb.url, dataDir: os.tmpdir() });
    other = new pg.Client({ connectionString: tdb.url });
    watcher = new pg.Client({ connectionString: tdb.url });
    await Promise.all([other.connect(), watcher.connect()]);
  });
  afterAll(async () => {
    await Promise.all([other.end(), watcher.end()]);
    await store.close();
    await tdb.drop();
  });

  /** Resolves once some backend of this database waits on a lock of the given type. */
  async function waiting(lockType: "advisory" | "transactionid") {
    for (let i = 0; i < 200; i++) {
      const r = await watcher.query(
        "select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid where not l.granted and l.locktype = $1 and a.datname = current_database()",
        [lockType],
      );
      if (r.rows[0].n > 0) return;
      await new Promise((res) => setTimeout(res, 25));
    }
    throw new Error(`nobody waited on a ${lockType} lock`);
  }

  it("a creation that waited for the lock sees the rival committed meanwhile", async () => {
    const [a] = await seedItems(store, "https://htn.co.uk/lock-wait/", 1);
    const resolvedAt = (await watcher.query("select now() as now")).rows[0].now as Date;
    // Another transaction creates an initiative sharing org:WAIT, holding the key's lock as apply does.
    await other.query("begin");
    await other.query("select pg_advisory_xact_lock(hashtext('org:WAIT'))");
    await other.query(`insert into initiatives (id, title, state, minhash, first_seen, last_seen) values ('held', 'held', '{}', '[]', now(), now())`);
    await other.query(`insert into initiative_keys (key, initiative_id) values ('org:WAIT', 'held')`);
    const applying = applyStory(store.db, newInput(a!, "waiter", { lockKeys: ["org:WAIT"], resolvedAt }));
    await waiting("advisory");
    await other.query("commit");
    // The rival check ran after the lock wait, in the same statement, and saw 'held'.
    expect(await applying).toEqual({ kind: "conflict", reason: "initiative held appeared since this story was resolved" });
    const left = await watcher.query("select id from initiatives where id = 'waiter'");
    expect(left.rows).toEqual([]);
  });

  it("two applies of one item racing on the mention end as applied and already-applied, never an error", async () => {
    const [a, b] = await seedItems(store, "https://htn.co.uk/same-item/", 2);
    await applyStory(store.db, newInput(a!, "first", { lockKeys: ["org:SAME"] }));
    // The other apply of item b has written its mention but not committed yet.
    await other.query("begin");
    await other.query(`insert into mentions (item_id, initiative_id, decision, score, reasons) values ($1, 'first', 'duplicate', 1, '[]')`, [b]);
    // No locks in common: this apply gets as far as its own mention insert, then waits on the key.
    const applying = applyStory(store.db, newInput(b!, "second", { lockKeys: [] }));
    await waiting("transactionid");
    await other.query("commit");
    expect(await applying).toEqual({ kind: "already-applied", initiativeId: "first" });
    // Its statement rolled back whole: no initiative, event or version of its own.
    const left = await watcher.query("select (select count(*)::int from initiatives where id = 'second') as i, (select count(*)::int from events where initiative_id = 'second') as e");
    expect(left.rows[0]).toEqual({ i: 0, e: 0 });
  });

  it("concurrent updates of one initiative: one applies, the other is told its version is stale", async () => {
    const [a, b, c] = await seedItems(store, "https://htn.co.uk/two-updates/", 3);
    const second = await openStore({ databaseUrl: tdb.url, dataDir: os.tmpdir(), migrate: false });
    try {
      await applyStory(store.db, newInput(a!, "contested", { lockKeys: ["org:TWO"] }));
      const outcomes = await Promise.all([applyStory(store.db, touchInput(b!, "contested", 1)), applyStory(second.db, touchInput(c!, "contested", 1))]);
      expect(outcomes.map((o) => o.kind).sort()).toEqual(["applied", "conflict"]);
      const rows = await watcher.query("select version from initiatives where id = 'contested'");
      expect(rows.rows).toEqual([{ version: 2 }]);
    } finally {
      await second.close();
    }
  });
});
