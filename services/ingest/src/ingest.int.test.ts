import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { getSource, schema, seedSources } from "@radar/db";
import { startFixtureSite, type FixtureSite } from "@radar/fixture-site";
import { createHttpClient, type HttpClient } from "@radar/http";
import { isIdle, queueCounts } from "@radar/queue";
import { waitFor } from "@radar/test-support";
import { createTestRuntime, type TestRuntime } from "@radar/test-support/runtime";
import { startIngestService } from "./index.js";

let t: TestRuntime;
let site: FixtureSite;
let http: HttpClient;
let workers: Worker[];

async function settle() {
  const redis = t.rt.workerConnection();
  await waitFor(async () => {
    const counts = await queueCounts(redis, t.rt.queuePrefix);
    // analyze is not running in this test: its jobs just wait.
    return isIdle(counts.filter((c) => c.queue !== "analyze"));
  }, 30_000);
}

beforeAll(async () => {
  site = await startFixtureSite();
  const host = new URL(site.url).host;
  t = await createTestRuntime({ RADAR_ALLOW_HOSTS: host });
  http = createHttpClient({ allowHosts: [host], perHostIntervalMs: 0, totalTimeoutMs: 5_000 });
  workers = startIngestService(t.rt, http);
  await seedSources(t.rt.db, [
    { id: "htn", name: "HTN copy", feedUrl: site.feedUrl },
    { id: "htn-mirror", name: "same articles in a second feed", feedUrl: `${site.feedUrl}atom/` },
    { id: "broken", name: "server error", feedUrl: `${site.feedUrl}?status=500` },
    { id: "html", name: "an HTML page, not a feed", feedUrl: `${site.url}/` },
  ]);
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await http.close();
  await t.cleanup();
  await site.close();
});

describe("polling and fetching", () => {
  it("fetches each article once even when two feeds list it, and one broken feed harms no other", async () => {
    // The first feed brings the articles; then the mirror (listing the same ones) and two broken sources.
    await t.rt.producers.poll.add({ sourceId: "htn" });
    await settle();
    for (const id of ["htn-mirror", "broken", "html"]) await t.rt.producers.poll.add({ sourceId: id });
    await settle();
    const articles = await t.rt.db.select().from(schema.articles);
    expect(articles).toHaveLength(5);
    expect(articles.every((a) => a.status === "fetched" && a.contentHash && a.rawHtml!.includes("entry-content"))).toBe(true);
    const pageHits = site.requests().filter((r) => /^\/20\d\d\//.test(r.path));
    expect(pageHits).toHaveLength(5);
    const broken = await getSource(t.rt.db, "broken");
    expect(broken!.consecutiveFailures).toBe(1);
    expect(broken!.lastError).toMatch(/500/);
    expect((await getSource(t.rt.db, "html"))!.lastError).toMatch(/returned text\/html where a feed was expected/);
    expect((await getSource(t.rt.db, "htn"))!.lastSuccessAt).not.toBeNull();
    const counts = await queueCounts(t.rt.workerConnection(), t.rt.queuePrefix);
    expect(counts.find((c) => c.queue === "analyze")!.waiting).toBe(5);
  });

  it("reschedules a source one interval ahead, not at once", async () => {
    const schedulers = await t.rt.producers.poll.queue.getJobSchedulers(0, -1);
    const htn = schedulers.find((s) => (s.key ?? s.id) === "poll-htn");
    expect(htn?.every).toBe(15 * 60_000); // five new articles: a busy source polls twice as often
    expect(htn!.next!).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect((await getSource(t.rt.db, "htn"))!.pollsTotal).toBe(1);
    const mirror = schedulers.find((s) => (s.key ?? s.id) === "poll-htn-mirror");
    expect(mirror?.every).toBe(45 * 60_000); // nothing new there: a quiet source slows down
  });

  it("polls again with a conditional GET and records the 304", async () => {
    await t.rt.producers.poll.add({ sourceId: "htn" });
    await settle();
    const htn = await getSource(t.rt.db, "htn");
    expect(htn!.pollsNotModified).toBe(1);
    expect(htn!.pollsTotal).toBe(2);
    const feedHits = site.requests().filter((r) => r.path === "/feed/");
    expect(feedHits.at(-1)!.headers["if-none-match"]).toBeTruthy();
  });

  it("a missing article ends failed with its reason, without retries", async () => {
    const url = `${site.url}/2025/01/01/no-such-article`;
    await t.rt.producers.fetch.add({ url, sourceId: "htn" });
    await waitFor(async () => {
      const rows = await t.rt.db.select().from(schema.articles).where(eq(schema.articles.canonicalUrl, url));
      return rows[0]?.status === "failed" ? rows[0] : null;
    });
    const [row] = await t.rt.db.select().from(schema.articles).where(eq(schema.articles.canonicalUrl, url));
    expect(row!.error).toMatch(/404/);
    expect(row!.attempts).toBe(1);
    expect(site.requests().filter((r) => r.path.startsWith("/2025/01/01/no-such-article"))).toHaveLength(1);
  });

  it("a hostile page fails alone with its reason while the rest of the batch is stored, and a windows-1252 page is decoded right", async () => {
    const base = site.articleUrls[0]!.replace(/\/$/, "");
    const bomb = `${base}?gzipBomb=${512 * 1024 * 1024}`;
    const latin = `${base}?charset=windows-1252`;
    const redirect = `${base}?redirect=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`;
    for (const url of [bomb, latin, redirect]) await t.rt.producers.fetch.add({ url, sourceId: "htn" });
    const rowFor = async (url: string) => (await t.rt.db.select().from(schema.articles).where(eq(schema.articles.canonicalUrl, url)))[0];
    await waitFor(async () => {
      const rows = await Promise.all([bomb, latin, redirect].map(rowFor));
      return rows.every((r) => r && r.status !== "pending");
    }, 30_000);
    const [b, l, r] = await Promise.all([bomb, latin, redirect].map(rowFor));
    expect(b!.status).toBe("failed");
    expect(b!.error).toMatch(/larger than|too large|exceed/i);
    expect(r!.status).toBe("failed");
    expect(r!.error).toMatch(/169\.254\.169\.254|not allowed|refused|forbidden/i);
    expect(l!.status).toBe("fetched");
    expect(l!.rawHtml).toContain("’"); // 0x92 in windows-1252, not U+0092
    expect(l!.rawHtml).not.toMatch(/[\u0080-\u009f]/);
  });
});

