import type { Worker } from "bullmq";
import type { Runtime } from "@radar/runtime";
import { deliveryIdFor, startComposeWorker } from "./compose.worker.js";
import { buildDigest, startDeliverWorker } from "./deliver.worker.js";

export { buildDigest, deliveryIdFor, startComposeWorker, startDeliverWorker };

export function startNotifyService(rt: Runtime): Worker[] {
  return [startComposeWorker(rt), startDeliverWorker(rt)];
}
