import type { Worker } from "bullmq";
import { permanent } from "@radar/core";
import { findCandidates } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import { bandKeys, decide, indexKeys } from "@radar/resolve";
import type { Runtime } from "@radar/runtime";
import { isResolvable, loadStory, toCandidate } from "./story.js";

/** Reads candidates from the store's index, decides, and hands the decision to apply. */
export function startResolveWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.resolve,
    async ({ itemId, backfill, round }, { log }) => {
      const loaded = await loadStory(rt.db, itemId);
      if (!loaded) throw permanent("item-missing", `item ${itemId} is not in the store (re-analysed since?)`);
      if (!isResolvable(loaded.item)) return { skipped: loaded.item.kind };
      const keys = indexKeys(loaded.story);
      const rows = await findCandidates(rt.db, { bandKeys: keys.bandKeys, keys: [...keys.orgKeys, ...keys.nameKeys] });
      const decision = decide(loaded.story, rows.map((r) => toCandidate(r, bandKeys)));
      await rt.producers.apply.add(
        { itemId, decision, seen: rows.map((r) => r.id), backfill, round },
        { jobId: jobId("apply", itemId, round) },
      );
      log.debug({ itemId, action: decision.action, score: decision.score, candidates: rows.length }, "story resolved");
      return { action: decision.action, initiativeId: decision.initiativeId };
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log, concurrency: rt.config.concurrency },
  );
}
