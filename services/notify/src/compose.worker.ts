import type { Worker } from "bullmq";
import { permanent } from "@radar/core";
import { ensureDelivery, eventsInWindow, getSubscription } from "@radar/db";
import { QUEUES, createWorker, jobId } from "@radar/queue";
import type { Runtime } from "@radar/runtime";

export const deliveryIdFor = (subscriptionId: string, windowEnd: Date) => jobId("dlv", subscriptionId, windowEnd.getTime());

/** Creates the delivery for a subscription's window once, then hands it to deliver. */
export function startComposeWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.compose,
    async ({ subscriptionId, windowEnd }, { log }) => {
      const sub = await getSubscription(rt.db, subscriptionId);
      if (!sub) throw permanent("subscription-missing", `subscription ${subscriptionId} does not exist`);
      const end = new Date(windowEnd);
      const start = sub.lastWindowEnd ?? new Date(0);
      const events = await eventsInWindow(rt.db, start, end);
      const delivery = await ensureDelivery(rt.db, {
        id: deliveryIdFor(subscriptionId, end),
        subscriptionId,
        windowStart: start,
        windowEnd: end,
        eventCount: events.length,
      });
      if (delivery.status !== "pending") return { skipped: `delivery already ${delivery.status}` };
      await rt.producers.deliver.add({ deliveryId: delivery.id }, { jobId: delivery.id });
      log.info({ subscriptionId, events: events.length }, "digest composed");
      return { deliveryId: delivery.id, events: events.length };
    },
    { connection: rt.workerConnection(), prefix: rt.queuePrefix, log: rt.log },
  );
}
