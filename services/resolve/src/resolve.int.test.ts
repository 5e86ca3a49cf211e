import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "bullmq";
import type { AnalyzedItem } from "@radar/core";
import { articleIdFor, articleProgress, ensureArticle, isSettled, itemIdFor, listInitiatives, replaceItems, storeFetchedPage } from "@radar/db";
import { isIdle, jobId, queueCounts } from "@radar/queue";
import { openRuntime, type Runtime } from "@radar/runtime";
import { silentLogger } from "@radar/log";
import { TEST_REDIS_URL, waitFor } from "@radar/test-support";
import { createTestRuntime, type TestRuntime } from "@radar/test-support/runtime";
import { sql } from "drizzle-orm";
import { bandKeys } from "@radar/resolve";
import { startResolveService } from "./index.js";

const STORY =
  "West London NHS Trust has set out a £29 million digital strategy for 2025 – 2030, centred on six pillars: " +
  "infrastructure, cyber, systems optimisation, data and insights, AI and innovation, and empowering people. " +
  "A digital PMO and programme boards will oversee each pillar, with years one and two building strong foundations.";

function story(variant: number): AnalyzedItem {
  return {
    ordinal: 0,
    heading: null,
    section: null,
    text: variant % 2 ? STORY : `${STORY} The strategy was discussed by the trust board.`,
    kind: "initiative",
    orgs: [{ name: "West London NHS Trust", code: "RKL", kind: "trust", icb: "West and North London", region: "London" }],
    region: "London",
    icb: "West and North London",
    themes: [{ id: "strategy-funding", score: 0.9, evidence: STORY.slice(0, 80) }],
    money: [{ text: "£29 million", pounds: 29_000_000 }],
    periods: ["2025 – 2030"],
    suppliers: [],
    programmes: [],
    figures: [],
    status: "planned",
    reasons: [],
  };
}

let t: TestRuntime;
let second: Runtime;
let workers: Worker[] = [];

beforeAll(async () => {
  t = await createTestRuntime();
  // A second "process": its own pool and Redis connections on the same database and queues.
  second = await openRuntime({ config: t.config, log: silentLogger(), redisUrl: TEST_REDIS_URL });
  workers = [...startResolveService(t.rt), ...startResolveService(second)];
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await second.close();
  await t.cleanup();
});

async function seedReports(n: number, tag: string): Promise<{ articleIds: string[]; itemIds: string[] }> {
  const articleIds: string[] = [];
  const itemIds: string[] = [];
  for (let i = 0; i < n; i++) {
    const url = `https://news.example/${tag}/${i}`;
    const { id } = await ensureArticle(t.rt.db, { url, sourceId: null, publishedAt: "2025-06-01T00:00:00Z" });
    await storeFetchedPage(t.rt.db, id, { finalUrl: url, httpStatus: 200, contentType: "text/html", html: "-", contentHash: url });
    itemIds.push(...(await replaceItems(t.rt.db, id, "test", [story(i)])));
    await t.rt.db.execute(`update articles set status = 'analyzed' where id = '${id}'`);
    articleIds.push(id);
  }
  return { articleIds, itemIds };
}

describe("resolve and apply with parallel workers", () => {
  it("reports of one new initiative resolved at the same moment end as one initiative", async () => {
    const { articleIds, itemIds } = await seedReports(8, "race");
    await t.rt.producers.resolve.addBulk(itemIds.map((itemId) => ({ payload: { itemId }, opts: { jobId: jobId("resolve", itemId, 0) } })));
    await waitFor(async () => (await articleProgress(t.rt.db, articleIds)).every(isSettled), 30_000);
    const initiatives = await listInitiatives(t.rt.db);
    expect(initiatives).toHaveLength(1);
    const [one] = initiatives;
    expect(one!.mentions).toHaveLength(8);
    expect(one!.mentions.filter((m) => m.decision === "new")).toHaveLength(1);
    // Updates file the initiative only under bands it was not filed under yet: it must still be
    // filed under every band of the MinHash it holds now, or look-ups would miss it.
    const rows = async <T>(q: ReturnType<typeof sql>) => ((await t.rt.db.execute(q)) as unknown as { rows: T[] }).rows;
    const [row] = await rows<{ minhash: number[] }>(sql`select minhash from initiatives where id = ${one!.id}`);
    const filed = (await rows<{ band_key: string }>(sql`select band_key from signature_bands where initiative_id = ${one!.id}`)).map((r) => r.band_key);
    expect(bandKeys(row!.minhash).length).toBe(20);
    expect(filed).toEqual(expect.arrayContaining(bandKeys(row!.minhash)));
  });

  it("resolving a story again changes nothing (idempotent per story)", async () => {
    const before = await listInitiatives(t.rt.db);
    const itemId = itemIdFor(articleIdFor("https://news.example/race/0"), 0);
    await t.rt.producers.resolve.add({ itemId, round: 5 }, { jobId: jobId("resolve", itemId, "again") });
    const redis = t.rt.workerConnection();
    await waitFor(async () => isIdle(await queueCounts(redis, t.rt.queuePrefix)));
    const after = await listInitiatives(t.rt.db);
    expect(after).toHaveLength(1);
    expect(after[0]!.version).toBe(before[0]!.version);
    expect(after[0]!.mentions).toHaveLength(before[0]!.mentions.length);
  });
});
