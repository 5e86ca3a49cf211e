import path from "node:path";
import type { Worker } from "bullmq";
import { errorMessage, permanent } from "@radar/core";
import { eventsInWindow, getDelivery, getSubscription, listInitiatives, markDelivery, schema } from "@radar/db";
import { composeDigest, renderHtml, renderMarkdown, type Digest, type DigestFilters } from "@radar/digest";
import { QUEUES, createWorker } from "@radar/queue";
import type { Runtime } from "@radar/runtime";
import { eq } from "drizzle-orm";
import { writeDigestFiles } from "./file-channel.js";

/** Renders the digest for a delivery and sends it through the subscription's channel. */
export function startDeliverWorker(rt: Runtime): Worker {
  return createWorker(
    QUEUES.deliver,
    async ({ deliveryId }, { log }) => {
      const delivery = await getDelivery(rt.db, deliveryId);
      if (!delivery) throw permanent("delivery-missing", `delivery ${deliveryId} does not exist`);
      if (delivery.status === "sent") return { skipped: "already sent" };
      const sub = await getSubscription(rt.db, delivery.subscriptionId);
      if (!sub) throw permanent("subscription-missing", `subscription ${delivery.subscriptionId} does not exist`);
      const digest = await buildDigest(rt, sub.name, sub.filters, delivery.windowStart, delivery.windowEnd);
      if (sub.channel !== "file") throw permanent("channel-unsupported", `channel ${sub.channel} is not available yet`);
      const dir = path.resolve(rt.config.dataDir, sub.target || "outbox");
      const files = await writeDigestFiles(dir, `${sub.id}-${delivery.windowEnd.toISOString()}`, { markdown: renderMarkdown(digest), html: renderHtml(digest) });
      await markDelivery(rt.db, deliveryId, { status: "sent", providerMessageId: files.markdown });
      await rt.db.update(schema.subscriptions).set({ lastWindowEnd: delivery.windowEnd }).where(eq(schema.subscriptions.id, sub.id));
      log.info({ deliveryId, entries: digest.entries.length, file: files.markdown }, "digest delivered");
      return { entries: digest.entries.length, ...files };
    },
    {
      connection: rt.workerConnection(),
      prefix: rt.queuePrefix,
      log: rt.log,
      onFinalFailure: async (payload, err) => {
        await markDelivery(rt.db, (payload as { deliveryId: string }).deliveryId, { status: "failed", error: errorMessage(err) });
      },
    },
  );
}

export async function buildDigest(rt: Runtime, name: string, filters: DigestFilters, start: Date, end: Date): Promise<Digest> {
  const events = await eventsInWindow(rt.db, start, end);
  const ids = [...new Set(events.map((e) => e.initiativeId))];
  const initiatives = ids.length ? await listInitiatives(rt.db, { ids }) : [];
  return composeDigest({
    title: `radar digest: ${name}`,
    windowStart: start.toISOString(),
    windowEnd: end.toISOString(),
    filters,
    events: events.map((e) => ({ type: e.type, initiativeId: e.initiativeId, version: e.version, diff: e.payload.diff })),
    initiatives,
  });
}
