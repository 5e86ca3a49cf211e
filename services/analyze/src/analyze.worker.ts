import type { Worker } from "bullmq";
import { errorMessage, permanent, RadarError } from "@radar/core";
import { getArticle, getSource, markArticleAnalyzed, markArticleFailed, replaceItems } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";
import type { Analyzer } from "@radar/classify";
import { extractArticle } from "@radar/extract";

/** Thin shell: read the stored page, run the pure stages, store items, enqueue resolve. */
export function startAnalyzeWorker(rt: Runtime, analyzer: Analyzer): Worker {
  return createWorker(
    QUEUES.analyze,
    async ({ articleId, contentHash, backfill }, { log }) => {
      const article = await getArticle(rt.db, articleId);
      if (!article) throw permanent("article-missing", `article ${articleId} is not in the store`);
      if (article.contentHash !== contentHash) return { skipped: "content changed since this job was queued" };
      if (article.status === "analyzed" && article.analyzerVersion === analyzer.version) return { skipped: "already analyzed" };
      const hints = await extractionHints(rt, article.sourceId);
      const extracted = extractArticle(article.rawHtml ?? "", { url: article.finalUrl ?? article.canonicalUrl, contentType: article.contentType ?? undefined, hints });
      const analyzed = analyzer.analyze(extracted);
      const title = analyzed.title || article.feedTitle || null;
      const ids = await replaceItems(rt.db, articleId, analyzer.version, analyzed.items);
      await markArticleAnalyzed(rt.db, articleId, { analyzerVersion: analyzer.version, title, publishedAt: analyzed.publishedAt });
      await rt.producers.resolve.addBulk(
        ids.map((itemId) => ({ payload: { itemId, backfill, round: 0 }, opts: { jobId: jobId("resolve", itemId, analyzer.version, 0) } })),
      );
      log.info({ articleId, items: ids.length }, "article analyzed");
      return { items: ids.length };
    },
    {
      connection: rt.workerConnection(),
      prefix: rt.queuePrefix,
      log: rt.log,
      concurrency: rt.config.concurrency,
      onFinalFailure: async (payload, err) => {
        const { articleId } = payload as { articleId: string };
        await markArticleFailed(rt.db, articleId, err instanceof RadarError ? err.code : "analyze-failed", `analysis failed: ${errorMessage(err)}`);
      },
    },
  );
}

/**
 * Per-source extraction hints from the registry (`hints.contentSelector` in seeds/sources.json or
 * the sources table): where a publisher's markup defeats the generic scoring, an operator names
 * the body's container.
 */
async function extractionHints(rt: Runtime, sourceId: string | null): Promise<{ contentSelector?: string } | undefined> {
  if (!sourceId) return undefined;
  const selector = (await getSource(rt.db, sourceId))?.hints?.contentSelector;
  return typeof selector === "string" && selector.trim() ? { contentSelector: selector } : undefined;
}
