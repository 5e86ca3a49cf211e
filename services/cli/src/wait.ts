import type { Redis } from "ioredis";
import { isIdle, queueCounts, type QueueCounts } from "@radar/queue";
import { transient } from "@radar/core";

/**
 * Waits until every queue is empty twice in a row (each stage enqueues the next before it
 * completes, so an empty pipeline stays empty).
 */
export async function waitForIdle(connection: Redis, prefix: string, timeoutMs: number, pollMs = 150): Promise<QueueCounts[]> {
  const deadline = Date.now() + timeoutMs;
  let quiet = 0;
  for (;;) {
    const counts = await queueCounts(connection, prefix);
    quiet = isIdle(counts) ? quiet + 1 : 0;
    if (quiet >= 2) return counts;
    if (Date.now() > deadline) {
      const busy = counts.filter((c) => c.waiting + c.active + c.delayed > 0).map((c) => `${c.queue} ${c.waiting}/${c.active}/${c.delayed}`);
      throw transient("timeout", `the pipeline did not finish within ${Math.round(timeoutMs / 1000)} s (waiting/active/delayed: ${busy.join(", ")})`);
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
