/**
 * ingest: feed parse time for a 50-item feed, and pages fetched and stored per second from the
 * local fixture site into PostgreSQL, with peak RSS over a 2,000-page run. The benchmark lifts
 * the per-host politeness limits (interval 0, more concurrency); production keeps the defaults
 * (2 in flight, 1 s between request starts per host), so there a single host yields ≤ 1 page/s.
 */
import { sha256Hex } from "@radar/core";
import { ensureArticle, openStore, storeFetchedPage, type Store } from "@radar/db";
import { parseFeed } from "@radar/feeds";
import { startFixtureSite, type FixtureSite } from "@radar/fixture-site";
import { createHttpClient, type HttpClient } from "@radar/http";
import { createTestDatabase } from "@radar/test-support";
import { lanes, rssSampler, stats, timeAsync, type Bench, type Row } from "./bench-lib.js";

const FEED_ITEMS = 50;
const PAGES = Number(process.env.BENCH_INGEST_PAGES ?? 2000);
const CONCURRENCY = Number(process.env.BENCH_INGEST_CONCURRENCY ?? 16);

async function feedRows(site: FixtureSite, http: HttpClient): Promise<Row[]> {
  // The site always lists its seed posts; `items=N` adds N generated ones.
  const extra = FEED_ITEMS - site.articleUrls.length;
  const res = await http.get(`${site.feedUrl}?items=${extra}`, { kind: "feed" });
  const parsed = await parseFeed(res.text, { baseUrl: site.url });
  if (parsed.entries.length !== FEED_ITEMS) throw new Error(`expected ${FEED_ITEMS} feed entries, parsed ${parsed.entries.length}`);
  const s = stats(await timeAsync(() => parseFeed(res.text, { baseUrl: site.url }), 40, 5));
  const kb = Math.round(res.text.length / 1000);
  return [
    { bench: "ingest", measure: `parseFeed mean, ${FEED_ITEMS}-item RSS (${kb} KB)`, value: s.mean, unit: "ms" },
    { bench: "ingest", measure: `parseFeed p95, ${FEED_ITEMS}-item RSS`, value: s.p95, unit: "ms" },
  ];
}

/** What the fetch worker does per page: ensure the article row, fetch, hash, store. */
async function fetchAndStore(store: Store, http: HttpClient, url: string): Promise<{ wire: number; chars: number }> {
  const { id } = await ensureArticle(store.db, { url, sourceId: null, feedTitle: null, publishedAt: null });
  const res = await http.get(url, { kind: "page" });
  const { changed } = await storeFetchedPage(store.db, id, {
    finalUrl: res.finalUrl,
    httpStatus: res.status,
    contentType: res.contentType,
    html: res.text,
    contentHash: sha256Hex(res.text),
  });
  if (!changed) throw new Error(`page ${url} was already stored`);
  return { wire: res.bytes.length, chars: res.text.length };
}

async function pageRows(site: FixtureSite, http: HttpClient, store: Store, log: (m: string) => void): Promise<Row[]> {
  const urls = Array.from({ length: PAGES }, (_, i) => `${site.url}/generated/${i + 1}/`);
  for (const u of urls.slice(0, 20)) await fetchAndStore(store, http, u); // warm-up, not timed
  const todo = urls.slice(20);
  const latencies: number[] = [];
  let wire = 0;
  let chars = 0;
  global.gc?.();
  const rss = rssSampler(50);
  const t0 = performance.now();
  await lanes(CONCURRENCY, todo.length, async (i) => {
    const s = performance.now();
    const got = await fetchAndStore(store, http, todo[i]!);
    wire += got.wire;
    chars += got.chars;
    latencies.push(performance.now() - s);
  });
  const secs = (performance.now() - t0) / 1000;
  const mem = rss.stop();
  const lat = stats(latencies);
  log(`ingest: ${todo.length} pages in ${secs.toFixed(1)} s, ${(chars / todo.length / 1000).toFixed(1)} K chars each (${(wire / todo.length / 1000).toFixed(1)} KB on the wire)`);
  return [
    { bench: "ingest", measure: `pages fetched+stored per second (${todo.length} pages, ${CONCURRENCY} in flight)`, value: todo.length / secs, unit: "pages/s", note: "politeness off: perHostIntervalMs 0" },
    { bench: "ingest", measure: "per-page latency p50 / p95 (ensure+GET+store)", value: lat.p50, unit: "ms", note: `p95 ${lat.p95.toFixed(1)} ms` },
    { bench: "ingest", measure: `peak RSS during the ${PAGES}-page run`, value: mem.peakMiB, unit: "MiB", note: `${mem.startMiB.toFixed(0)} MiB before the run (all bench modules loaded); fixture site runs in-process; ${mem.samples} samples @50 ms` },
  ];
}

export const ingestBench: Bench = {
  name: "ingest",
  describe: `parseFeed on a ${FEED_ITEMS}-item feed; ${PAGES} pages fixture site → PostgreSQL (pages/s, peak RSS)`,
  async run(log) {
    const site = await startFixtureSite();
    const host = new URL(site.url).host;
    const http = createHttpClient({ allowHosts: [host], perHostIntervalMs: 0, perHostConcurrency: CONCURRENCY });
    const tdb = await createTestDatabase("radar_bench_ingest");
    let store: Store | null = null;
    try {
      const rows = await feedRows(site, http);
      store = await openStore({ databaseUrl: tdb.url, dataDir: "/nonexistent", poolSize: CONCURRENCY });
      rows.push(...(await pageRows(site, http, store, log)));
      return rows;
    } finally {
      await store?.close();
      await http.close();
      await site.close();
      await tdb.drop();
    }
  },
};
