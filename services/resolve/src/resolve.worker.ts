import type { Worker } from "bullmq";
import { permanent } from "@radar/core";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";
import { resolveStory } from "./resolution.js";
import { isResolvable, loadStory } from "./story.js";

/** Reads candidates from the store's index, decides, and hands the decision to apply. */
export function startResolveWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.resolve,
    async ({ itemId, backfill, round }, { log }) => {
      const loaded = await loadStory(rt.db, itemId);
      if (!loaded) throw permanent("item-missing", `item ${itemId} is not in the store (re-analysed since?)`);
      if (!isResolvable(loaded.item)) return { skipped: loaded.item.kind };
      const { decision, seen, resolvedAt, profile } = await resolveStory(rt.db, itemId, loaded.story);
      await rt.producers.apply.add(
        { itemId, decision, seen, resolvedAt: resolvedAt.toISOString(), backfill, round, profile: profile as unknown as Record<string, unknown> },
        { jobId: jobId("apply", itemId, round) },
      );
      log.debug({ itemId, action: decision.action, score: decision.score, candidates: seen.length }, "story resolved");
      return { action: decision.action, initiativeId: decision.initiativeId };
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log, concurrency: rt.config.concurrency },
  );
}
