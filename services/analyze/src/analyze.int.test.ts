import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Worker } from "bullmq";
import { eq } from "drizzle-orm";
import { sha256Hex } from "@radar/core";
import { ensureArticle, getArticle, schema, storeFetchedPage } from "@radar/db";
import { waitFor } from "@radar/test-support";
import { createTestRuntime, type TestRuntime } from "@radar/test-support/runtime";
import { startAnalyzeService } from "./index.js";

const seeds = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../seeds/articles");
const seedHtml = fs.readFileSync(path.join(seeds, fs.readdirSync(seeds).find((f) => f.startsWith("004") && f.endsWith(".html"))!), "utf8");

let t: TestRuntime;
let workers: Worker[];
beforeAll(async () => {
  t = await createTestRuntime();
  workers = startAnalyzeService(t.rt);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await t.cleanup();
});

async function store(url: string, html: string) {
  const { id } = await ensureArticle(t.rt.db, { url, sourceId: null });
  const contentHash = sha256Hex(html);
  await storeFetchedPage(t.rt.db, id, { finalUrl: url, httpStatus: 200, contentType: "text/html", html, contentHash });
  await t.rt.producers.analyze.add({ articleId: id, contentHash });
  return id;
}

describe("analyze worker", () => {
  it("stores the stories of a good page and a clear reason for pages with no article, each on its own", async () => {
    const hostile: Record<string, string> = {
      empty: "",
      "nav only": "<html><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><footer>© HTN</footer></body></html>",
      "all script": `<html><body>${"<script>var x = 1;</script>".repeat(500)}</body></html>`,
      binary: String.fromCharCode(...Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
    };
    const good = await store("https://htn.co.uk/2025/02/18/good/", seedHtml);
    const bad = await Promise.all(Object.entries(hostile).map(([name, html]) => store(`https://htn.co.uk/bad/${encodeURIComponent(name)}/`, html)));
    await waitFor(async () => {
      const rows = await Promise.all([good, ...bad].map((id) => getArticle(t.rt.db, id)));
      return rows.every((r) => r && (r.status === "analyzed" || r.status === "failed"));
    }, 30_000);
    const ok = await getArticle(t.rt.db, good);
    expect(ok!.status).toBe("analyzed");
    expect(ok!.analyzerVersion).toMatch(/\S/);
    const items = await t.rt.db.select().from(schema.items).where(eq(schema.items.articleId, good));
    expect(items.length).toBeGreaterThanOrEqual(4);
    expect(items.every((i) => i.analyzerVersion === ok!.analyzerVersion)).toBe(true);
    for (const id of bad) {
      const row = await getArticle(t.rt.db, id);
      expect(row!.status).toBe("failed");
      expect(row!.errorCode).toBe("no-article");
      expect(row!.error).toMatch(/no article found/);
    }
    const counts = await t.rt.producers.resolve.queue.getJobCounts("waiting");
    expect(counts.waiting).toBe(items.length);
  });
});
