import type { Worker } from "bullmq";
import { RadarError, errorMessage, sha256Hex } from "@radar/core";
import { articleIdFor, ensureArticle, markArticleFailed, storeFetchedPage } from "@radar/db";
import type { HttpClient } from "@radar/http";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";

/**
 * Fetches one article page through the safe client and stores it. An unchanged page (same
 * content hash) causes no further work; a changed or new one is queued for analysis.
 */
export function startFetchWorker(rt: Runtime, http: HttpClient): Worker {
  return createWorker(
    QUEUES.fetch,
    async ({ url, sourceId, feedTitle, publishedAt, backfill }, { log }) => {
      const { id } = await ensureArticle(rt.db, { url, sourceId, feedTitle, publishedAt, backfill });
      const res = await http.get(url, { kind: "page" });
      const contentHash = sha256Hex(res.text);
      const { changed } = await storeFetchedPage(rt.db, id, {
        finalUrl: res.finalUrl,
        httpStatus: res.status,
        contentType: res.contentType,
        html: res.text,
        contentHash,
      });
      if (!changed) return { unchanged: true };
      await rt.producers.analyze.add({ articleId: id, contentHash, backfill }, { jobId: jobId("analyze", id, contentHash.slice(0, 16)) });
      log.info({ articleId: id, bytes: res.bytes.length }, "article fetched");
      return { articleId: id, bytes: res.bytes.length };
    },
    {
      connection: rt.workerConnection(),
      prefix: rt.queuePrefix,
      log: rt.log,
      concurrency: rt.config.concurrency,
      onFinalFailure: async (payload, err) => {
        const { url } = payload as { url: string };
        const code = err instanceof RadarError ? err.code : "fetch-failed";
        const status = (err as { status?: number }).status ?? null;
        await markArticleFailed(rt.db, articleIdFor(url), code, errorMessage(err), status);
      },
    },
  );
}
