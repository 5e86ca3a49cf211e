import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { permanent, transient } from "@radar/core";
import { silentLogger } from "@radar/log";
import { TEST_REDIS_URL, createTestPrefix, waitFor } from "@radar/test-support";
import { QUEUES, createProducer, createRedis, createWorker, ensureRedis, jobId, queueCounts } from "./index.js";

const { prefix, cleanup } = createTestPrefix();
const producerRedis = createRedis(TEST_REDIS_URL, "producer");
const workerRedis = () => createRedis(TEST_REDIS_URL, "worker");
afterAll(async () => {
  producerRedis.disconnect();
  await cleanup();
});

describe("typed producer", () => {
  it("refuses an invalid payload before it reaches Redis", async () => {
    const p = createProducer(QUEUES.fetch, producerRedis, prefix);
    await expect(p.add({ url: "not a url", sourceId: null } as never)).rejects.toThrow(/invalid fetch job: url/);
    await p.close();
  });

  it("dedupes by job id", async () => {
    const p = createProducer(QUEUES.poll, producerRedis, `${prefix}-dedupe`);
    await p.add({ sourceId: "a" }, { jobId: jobId("poll", "a") });
    await p.add({ sourceId: "a" }, { jobId: jobId("poll", "a") });
    const counts = await queueCounts(producerRedis, `${prefix}-dedupe`);
    expect(counts.find((c) => c.queue === "poll")!.waiting).toBe(1);
    await p.queue.obliterate({ force: true });
    await p.close();
  });
});

describe("createWorker", () => {
  it("runs the handler with the parsed payload and logs under a child logger", async () => {
    const p = createProducer(QUEUES.poll, producerRedis, prefix);
    const seen: string[] = [];
    const w = createWorker(QUEUES.poll, async (payload) => void seen.push(payload.sourceId), { connection: workerRedis(), prefix, log: silentLogger() });
    await p.add({ sourceId: "htn" });
    await waitFor(async () => seen.length === 1);
    expect(seen).toEqual(["htn"]);
    await w.close();
    await p.close();
  });

  it("does not retry a permanent error, retries a transient one, and reports the final failure once", async () => {
    const q = `${prefix}-errors`;
    const p = createProducer(QUEUES.analyze, producerRedis, q);
    const calls: Record<string, number> = {};
    const finals: string[] = [];
    const w = createWorker(
      QUEUES.analyze,
      async ({ articleId }) => {
        calls[articleId] = (calls[articleId] ?? 0) + 1;
        if (articleId === "broken") throw permanent("no-article", "no article found");
        throw transient("timeout", "timed out");
      },
      {
        connection: workerRedis(),
        prefix: q,
        log: silentLogger(),
        onFinalFailure: async (payload) => void finals.push((payload as { articleId: string }).articleId),
      },
    );
    await p.add({ articleId: "broken", contentHash: "h" });
    await p.add({ articleId: "flaky", contentHash: "h" }, { attempts: 2, backoff: { type: "fixed", delay: 10 } });
    await waitFor(async () => finals.length === 2, 20_000);
    expect(calls).toEqual({ broken: 1, flaky: 2 });
    expect(finals.sort()).toEqual(["broken", "flaky"]);
    const counts = await queueCounts(producerRedis, q);
    expect(counts.find((c) => c.queue === "analyze")!.failed).toBe(2);
    await w.close();
    await p.queue.obliterate({ force: true });
    await p.close();
  });

  it("turns an invalid payload that got into Redis into a failed job, not a crash", async () => {
    const q = `${prefix}-bad`;
    const p = createProducer(QUEUES.poll, producerRedis, q);
    let called = false;
    const w = createWorker(QUEUES.poll, async () => void (called = true), { connection: workerRedis(), prefix: q, log: silentLogger() });
    await p.queue.add("poll", { nope: 1 });
    await waitFor(async () => (await queueCounts(producerRedis, q)).find((c) => c.queue === "poll")!.failed === 1);
    expect(called).toBe(false);
    await w.close();
    await p.close();
  });
});

describe("ensureRedis", () => {
  it("uses the configured Redis when it answers", async () => {
    const h = await ensureRedis({ url: TEST_REDIS_URL, dataDir: os.tmpdir(), allowPrivate: false });
    expect(h).toMatchObject({ url: TEST_REDIS_URL, private: false });
  });

  it("starts a private redis-server when nothing answers on a local URL, and stops it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-redis-"));
    const h = await ensureRedis({ url: "redis://127.0.0.1:1", dataDir: dir, allowPrivate: true });
    expect(h.private).toBe(true);
    const r = createRedis(h.url, "producer");
    expect(await r.ping()).toBe("PONG");
    r.disconnect();
    await h.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("refuses an unreachable remote Redis with one clear sentence", async () => {
    await expect(ensureRedis({ url: "redis://127.0.0.1:1", dataDir: os.tmpdir(), allowPrivate: false })).rejects.toThrow(
      /Redis is not answering at redis:\/\/127\.0\.0\.1:1.*Install Redis/,
    );
  });

  it("refuses a Redis that may evict keys", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-redis-"));
    const h = await ensureRedis({ url: "redis://127.0.0.1:1", dataDir: dir, allowPrivate: true });
    const r = createRedis(h.url, "producer");
    await r.config("SET", "maxmemory-policy", "allkeys-lru");
    r.disconnect();
    await expect(ensureRedis({ url: h.url, dataDir: dir, allowPrivate: false })).rejects.toThrow(/maxmemory-policy 'allkeys-lru'.*noeviction/);
    await h.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("a private Redis shared between radar processes", () => {
  it("a second process finds the first one's private Redis instead of starting another", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-redis-"));
    const owner = await ensureRedis({ url: "redis://127.0.0.1:1", dataDir: dir, allowPrivate: true });
    const other = await ensureRedis({ url: "redis://127.0.0.1:1", dataDir: dir, allowPrivate: false });
    expect(other).toMatchObject({ url: owner.url, private: false });
    await other.stop(); // not the owner: leaves it running
    const r = createRedis(owner.url, "producer");
    expect(await r.ping()).toBe("PONG");
    r.disconnect();
    await owner.stop();
    await expect(ensureRedis({ url: "redis://127.0.0.1:1", dataDir: dir, allowPrivate: false })).rejects.toThrow(/not answering/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
