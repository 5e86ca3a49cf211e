import type { Worker } from "bullmq";
import { errorMessage } from "@radar/core";
import { ensureArticle, getSource, recordPoll } from "@radar/db";
import { nextPollInterval, parseFeed, shouldPause } from "@radar/feeds";
import type { HttpClient } from "@radar/http";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";
import { removeSourceScheduler, scheduleSource } from "./schedulers.js";

/**
 * Conditional GET of one feed, parse, and one fetch job per article not seen before. A failing
 * feed records its reason on its own source row and never touches the others.
 */
export function startPollWorker(rt: Runtime, http: HttpClient): Worker {
  return createWorker(
    QUEUES.poll,
    async ({ sourceId }, { log }) => {
      const source = await getSource(rt.db, sourceId);
      if (!source || !source.enabled) return { skipped: "source missing or disabled" };
      const base = source.pollIntervalMinutes;
      try {
        const res = await http.get(source.feedUrl, { kind: "feed", etag: source.etag, lastModified: source.lastModified });
        if (res.notModified) {
          const interval = nextPollInterval(base, source.currentIntervalMinutes, { ok: true, newArticles: 0, consecutiveFailures: 0 });
          await recordPoll(rt.db, sourceId, { ok: true, notModified: true, intervalMinutes: interval });
          await rescheduleIfChanged(rt, sourceId, source.currentIntervalMinutes, interval);
          return { notModified: true };
        }
        const feed = await parseFeed(res.text, { baseUrl: res.finalUrl });
        let fresh = 0;
        for (const entry of feed.entries) {
          const { id, created } = await ensureArticle(rt.db, { url: entry.url, sourceId, feedTitle: entry.title, publishedAt: entry.publishedAt });
          if (!created) continue;
          fresh++;
          await rt.producers.fetch.add(
            { url: entry.url, sourceId, feedTitle: entry.title, publishedAt: entry.publishedAt, backfill: false },
            { jobId: jobId("fetch", id) },
          );
        }
        const interval = nextPollInterval(base, source.currentIntervalMinutes, { ok: true, newArticles: fresh, consecutiveFailures: 0 });
        await recordPoll(rt.db, sourceId, { ok: true, newArticles: fresh, etag: res.etag, lastModified: res.lastModified, intervalMinutes: interval });
        await rescheduleIfChanged(rt, sourceId, source.currentIntervalMinutes, interval);
        if (feed.problems.length) log.warn({ sourceId, problems: feed.problems.slice(0, 10) }, "feed entries skipped");
        log.info({ sourceId, entries: feed.entries.length, fresh }, "feed polled");
        return { entries: feed.entries.length, fresh };
      } catch (err) {
        const failures = source.consecutiveFailures + 1;
        const retryAfterMs = (err as { retryAfterMs?: number | null }).retryAfterMs ?? null;
        const interval = nextPollInterval(base, source.currentIntervalMinutes, { ok: false, newArticles: 0, consecutiveFailures: failures, retryAfterMs });
        const pausedReason = shouldPause(failures) ? `paused after ${failures} consecutive failures; last: ${errorMessage(err)}` : null;
        await recordPoll(rt.db, sourceId, { ok: false, error: errorMessage(err), intervalMinutes: interval, pausedReason });
        if (pausedReason) await removeSourceScheduler(rt, sourceId);
        else await rescheduleIfChanged(rt, sourceId, source.currentIntervalMinutes, interval);
        log.warn({ sourceId, err, failures, nextInMinutes: interval }, "feed poll failed");
        // The failure is recorded on the source; the scheduler polls again, so no BullMQ retry.
        return { failed: errorMessage(err) };
      }
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log, concurrency: rt.config.concurrency },
  );
}

async function rescheduleIfChanged(rt: Runtime, sourceId: string, before: number | null, after: number) {
  if (before !== after) await scheduleSource(rt, sourceId, after, { startNow: false });
}
