import type { Worker } from "bullmq";
import type { Runtime } from "@radar/runtime";
import { startApplyWorker } from "./apply.worker.js";
import { startResolveWorker } from "./resolve.worker.js";

export { startApplyWorker, startResolveWorker };
export { rebuildFromStories } from "./rebuild.js";
export { CANDIDATE_LIMIT, CANDIDATES_PER_KEY, CANDIDATES_WITH_STATE, MEMBERS_PER_CANDIDATE, applyInput, resolveStory, type Resolution } from "./resolution.js";

export function startResolveService(rt: Runtime): Worker[] {
  return [startResolveWorker(rt), startApplyWorker(rt)];
}
