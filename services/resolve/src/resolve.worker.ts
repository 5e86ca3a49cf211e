import type { Worker } from "bullmq";
import { permanent } from "@radar/core";
import { findCandidates, getInitiative, pinnedInitiative } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Decision } from "@radar/core";
import { bandKeys, decide, diff, indexKeys, significant, type Story } from "@radar/resolve";
import type { Db } from "@radar/db";
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
      const pinned = await pinnedDecision(rt.db, itemId, loaded.story);
      const keys = indexKeys(loaded.story);
      const rows = pinned ? [] : await findCandidates(rt.db, { bandKeys: keys.bandKeys, keys: [...keys.orgKeys, ...keys.nameKeys] });
      const decision = pinned ?? decide(loaded.story, rows.map((r) => toCandidate(r, bandKeys)));
      await rt.producers.apply.add(
        { itemId, decision, seen: pinned ? [decision.initiativeId!] : rows.map((r) => r.id), backfill, round },
        { jobId: jobId("apply", itemId, round) },
      );
      log.debug({ itemId, action: decision.action, score: decision.score, candidates: rows.length }, "story resolved");
      return { action: decision.action, initiativeId: decision.initiativeId };
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log, concurrency: rt.config.concurrency },
  );
}

/** An operator's merge or split pinned this story: it goes where they put it, whatever the score. */
async function pinnedDecision(db: Db, itemId: string, story: Story): Promise<Decision | null> {
  const id = await pinnedInitiative(db, itemId);
  const row = id ? await getInitiative(db, id) : null;
  if (!row) return null;
  const d = diff(row.state, story);
  const news = significant(d);
  return { action: news ? "update" : "duplicate", initiativeId: row.id, baseVersion: row.version, score: 1, reasons: ["pinned to this initiative by an operator"], diff: news ? d : {}, alsoMatches: [] };
}
