import type { Worker } from "bullmq";
import { permanent, transient } from "@radar/core";
import { applyStory } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";
import { applyInput } from "./resolution.js";
import { loadStory } from "./story.js";

/** After this many conflicts in a row something is wrong; fail visibly rather than loop. */
const MAX_ROUNDS = 8;

/** One transaction per story; on a version conflict the story goes back to resolve. */
export function startApplyWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.apply,
    async ({ itemId, decision, seen, resolvedAt, backfill, round, profile }, { log }) => {
      const loaded = await loadStory(rt.db, itemId);
      if (!loaded) throw permanent("item-missing", `item ${itemId} is not in the store`);
      const input = applyInput(itemId, loaded.story, { decision, seen, resolvedAt: resolvedAt ? new Date(resolvedAt) : null, silent: backfill, profile });
      const outcome = await applyStory(rt.db, input);
      if (outcome.kind === "conflict") {
        if (round + 1 >= MAX_ROUNDS) throw transient("apply-conflict", `gave up after ${MAX_ROUNDS} conflicts: ${outcome.reason}`);
        log.info({ itemId, reason: outcome.reason }, "conflict: resolving again");
        await rt.producers.resolve.add({ itemId, backfill, round: round + 1 }, { jobId: jobId("resolve", itemId, "r", round + 1) });
        return { conflict: outcome.reason };
      }
      return outcome;
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log, concurrency: rt.config.concurrency },
  );
}
