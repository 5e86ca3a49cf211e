import { randomUUID } from "node:crypto";
import type { Worker } from "bullmq";
import { permanent, transient } from "@radar/core";
import { applyStory } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import { applyDiff, bandKeys, indexKeys, initialState, mergeSignatures, signature, storyText } from "@radar/resolve";
import type { Runtime } from "@radar/runtime";
import { rebuildFromStories } from "./rebuild.js";
import { loadStory } from "./story.js";

/** After this many conflicts in a row something is wrong; fail visibly rather than loop. */
const MAX_ROUNDS = 8;

/** One transaction per story; on a version conflict the story goes back to resolve. */
export function startApplyWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.apply,
    async ({ itemId, decision, seen, backfill, round }, { log }) => {
      const loaded = await loadStory(rt.db, itemId);
      if (!loaded) throw permanent("item-missing", `item ${itemId} is not in the store`);
      const { story } = loaded;
      const keys = indexKeys(story);
      const sig = signature(storyText(story));
      const outcome = await applyStory(rt.db, {
        itemId,
        action: decision.action,
        initiativeId: decision.initiativeId,
        baseVersion: decision.baseVersion,
        score: decision.score,
        reasons: decision.reasons,
        diff: decision.diff,
        seen,
        silent: backfill,
        seenAt: story.publishedAt ? new Date(story.publishedAt) : new Date(),
        lockKeys: [...keys.orgKeys, ...keys.nameKeys, ...keys.bandKeys],
        alsoMatches: decision.alsoMatches,
        rebuild: rebuildFromStories,
        create: () => {
          const state = initialState(story);
          return { id: randomUUID(), title: state.title, state, minhash: Array.from(sig.minhash), bandKeys: sig.bands, keys: [...keys.orgKeys, ...keys.nameKeys] };
        },
        update: (current) => {
          const state = applyDiff(current.state, decision.diff);
          const merged = mergeSignatures({ minhash: current.minhash, bands: bandKeys(current.minhash) }, sig);
          return { title: state.title, state, minhash: Array.from(merged.minhash), bandKeys: merged.bands, keys: [...keys.orgKeys, ...keys.nameKeys] };
        },
      });
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
