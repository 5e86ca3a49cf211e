/**
 * The resolve look-up (loadCandidates): bounded reads of busy keys, most recently reported first;
 * members as stored profiles when current, else as their stories; the database clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AnalyzedItem, InitiativeState } from "@radar/core";
import { applyStory, ensureArticle, loadCandidates, replaceItems, storeFetchedPage, type ApplyInput, type Store } from "./index.js";
import { newStoryInput, storeBackends, wltItem } from "./store-fixtures.test-helpers.js";

const item = (ordinal: number): AnalyzedItem => wltItem(ordinal, { orgs: [], region: null, icb: null, status: null });

const state = (title: string): InitiativeState => ({ title, orgs: ["BUSY"], orgNames: ["Busy Trust"], region: null, icb: null, themes: [], status: null, money: [], periods: [], suppliers: [], programmes: [], facts: [] });

// Each creation has "seen" every earlier one (as resolve would have): none is a rival.
const created: string[] = [];

function create(itemId: string, id: string, day: number, keys: string[], bands: string[], profile?: object): ApplyInput {
  const seen = [...created];
  created.push(id);
  return newStoryInput(itemId, {
    reasons: [],
    seen,
    seenAt: new Date(Date.UTC(2025, 0, 1 + day)),
    lockKeys: keys,
    ...(profile ? { profile } : {}),
    create: () => ({ id, title: id, state: state(id), minhash: [1, 2, 3], bandKeys: bands, keys }),
  });
}

const backends = storeBackends;

describe.each(backends)("candidate look-up on %s", (_name, open) => {
  let store: Store;
  let done: () => Promise<void>;
  let items: string[];
  beforeAll(async () => {
    ({ store, done } = await open());
    created.length = 0;
    const url = "https://htn.co.uk/busy/";
    const { id } = await ensureArticle(store.db, { url, sourceId: null });
    await storeFetchedPage(store.db, id, { finalUrl: url, httpStatus: 200, contentType: "text/html", html: "<p>x</p>", contentHash: "h-busy" });
    items = await replaceItems(store.db, id, "v1", Array.from({ length: 14 }, (_, i) => item(i)));
    // Twelve initiatives of one busy organisation, reported on days 0..11 (stored out of order).
    for (const day of [5, 0, 11, 3, 8, 1, 10, 2, 9, 4, 7, 6]) {
      expect((await applyStory(store.db, create(items[day]!, `busy-${String(day).padStart(2, "0")}`, day, ["org:BUSY"], []))).kind).toBe("applied");
    }
    // An old one that shares a band with the story: found through the band, however old.
    await applyStory(store.db, create(items[12]!, "old-copy", -400, ["org:OTHER"], ["b03:feed"], { v: 7, marker: "current profile" }));
  }, 60_000);
  afterAll(async () => done());

  it("reads a busy key newest first and at most perKey rows of it", async () => {
    const { candidates } = await loadCandidates(store.db, { keys: ["org:BUSY"], bandKeys: [], limit: 10, perKey: 4 });
    expect(candidates.map((c) => c.id)).toEqual(["busy-11", "busy-10", "busy-09", "busy-08"]);
  });

  it("ranks shared bands and names above the organisation alone, and keeps the limit", async () => {
    const { candidates } = await loadCandidates(store.db, { keys: ["org:BUSY", "org:OTHER"], bandKeys: ["b03:feed"], limit: 3, perKey: 50 });
    // old-copy shares a key and a band (score 3); the busy ones share the key only (2), newest first.
    expect(candidates.map((c) => c.id)).toEqual(["old-copy", "busy-11", "busy-10"]);
  });

  it("hands back members as current profiles, else as their stories, and the database clock", async () => {
    const before = Date.now();
    const { now, candidates } = await loadCandidates(store.db, { keys: ["org:OTHER", "org:BUSY"], bandKeys: [], limit: 20, perKey: 1, profileFormat: 7 });
    expect(Math.abs(now.getTime() - before)).toBeLessThan(60_000);
    const copy = candidates.find((c) => c.id === "old-copy")!;
    expect(copy.members).toEqual([{ profile: { v: 7, marker: "current profile" }, story: null }]);
    // With members, neither the merged state nor the merged MinHash is shipped.
    expect(copy.state).toBeNull();
    expect(copy.minhash).toEqual([]);
    const busy = candidates.find((c) => c.id === "busy-11")!;
    expect(busy.members).toHaveLength(1);
    expect(busy.members[0]!.profile).toBeNull();
    expect(busy.members[0]!.story).toMatchObject({ item: { ordinal: 11, text: "story 11" }, source: "https://htn.co.uk/busy/", publishedAt: null });
    // A profile of another format is not trusted: the story comes back instead.
    const other = await loadCandidates(store.db, { keys: ["org:OTHER"], bandKeys: [], limit: 5, profileFormat: 8 });
    expect(other.candidates[0]!.members[0]).toMatchObject({ profile: null, story: { item: { ordinal: 12 } } });
  });

  it("brings the state of the best-ranked candidates when asked, read with their version", async () => {
    const { candidates } = await loadCandidates(store.db, { keys: ["org:BUSY", "org:OTHER"], bandKeys: ["b03:feed"], limit: 4, perKey: 50, withState: 2 });
    expect(candidates.map((c) => [c.id, c.state?.title ?? null, c.version])).toEqual([
      ["old-copy", "old-copy", 1],
      ["busy-11", "busy-11", 1],
      ["busy-10", null, 1],
      ["busy-09", null, 1],
    ]);
  });

  it("returns the clock and nothing else when no key matches", async () => {
    const r = await loadCandidates(store.db, { keys: ["org:NOBODY"], bandKeys: ["b00:none"], limit: 5 });
    expect(r.candidates).toEqual([]);
    expect(r.now).toBeInstanceOf(Date);
  });

  it("keeps the rows it reads narrow: profiles in line, MinHashes out of line (migration 0009)", async () => {
    // A mention's profile read through a TOAST pointer costs an index probe and a page of the TOAST
    // table per member; its MinHash and the initiative's are never read by the look-up.
    const res = (await store.db.execute(
      "select c.relname || '.' || a.attname as col, a.attstorage as storage from pg_attribute a join pg_class c on c.oid = a.attrelid " +
        "where (c.relname, a.attname) in (('mentions', 'profile'), ('mentions', 'minhash'), ('initiatives', 'minhash'), ('initiatives', 'state')) order by 1",
    )) as unknown as { rows: Array<{ col: string; storage: string }> };
    expect(res.rows).toEqual([
      { col: "initiatives.minhash", storage: "e" },
      { col: "initiatives.state", storage: "x" },
      { col: "mentions.minhash", storage: "e" },
      { col: "mentions.profile", storage: "m" },
    ]);
  });
});
