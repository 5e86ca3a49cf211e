import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { QUEUE_NAMES, type QueueName } from "./catalog.js";

export interface QueueCounts {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export async function queueCounts(connection: Redis, prefix: string): Promise<QueueCounts[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const queue = new Queue(name, { connection, prefix });
      try {
        const c = await queue.getJobCounts("waiting", "prioritized", "waiting-children", "active", "delayed", "failed", "completed");
        return {
          queue: name,
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c["waiting-children"] ?? 0),
          active: c.active ?? 0,
          delayed: c.delayed ?? 0,
          failed: c.failed ?? 0,
          completed: c.completed ?? 0,
        };
      } finally {
        await queue.close();
      }
    }),
  );
}

/**
 * True when no queue has waiting, active or delayed work. Delayed jobs in `poll` are the feed
 * schedulers' next polls, not work in flight, so they do not count by default.
 */
export function isIdle(counts: QueueCounts[], scheduledQueues: QueueName[] = ["poll"]): boolean {
  return counts.every((c) => c.waiting === 0 && c.active === 0 && (c.delayed === 0 || scheduledQueues.includes(c.queue)));
}
