import { Queue } from "bullmq";
import { listSources } from "@radar/db";
import { QUEUES } from "@radar/queue";
import type { Runtime } from "@radar/runtime";

const schedulerId = (sourceId: string) => `poll-${sourceId}`;

function pollQueue(rt: Runtime): Queue {
  return rt.producers.poll.queue;
}

/**
 * An `every` scheduler produces its first job at once when upserted. That is right at start (a
 * source is polled when radar starts) but wrong when a poll reschedules its own source: the next
 * poll must come one interval later, or a changed interval would poll again immediately.
 */
export async function scheduleSource(rt: Runtime, sourceId: string, everyMinutes: number, opts: { startNow: boolean }): Promise<void> {
  await scheduleOn(pollQueue(rt), sourceId, everyMinutes, opts);
}

/** The same on a bare poll queue (for verbs that change the registry without a runtime). */
export async function scheduleOn(queue: Queue, sourceId: string, everyMinutes: number, opts: { startNow: boolean }): Promise<void> {
  const every = everyMinutes * 60_000;
  await queue.upsertJobScheduler(
    schedulerId(sourceId),
    opts.startNow ? { every } : { every, startDate: new Date(Date.now() + every) },
    { name: QUEUES.poll.name, data: { sourceId }, opts: QUEUES.poll.jobOptions },
  );
}

export async function removeSourceScheduler(rt: Runtime, sourceId: string): Promise<void> {
  await removeOn(pollQueue(rt), sourceId);
}

export async function removeOn(queue: Queue, sourceId: string): Promise<void> {
  await queue.removeJobScheduler(schedulerId(sourceId));
}

/**
 * One job scheduler per enabled source, kept in step with the registry: upsert is idempotent
 * (same id → one scheduler however often radar restarts) and schedulers of removed or disabled
 * sources are deleted.
 */
export async function syncSchedulers(rt: Runtime): Promise<{ scheduled: string[]; removed: string[] }> {
  const sources = await listSources(rt.db);
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [schedulerId(s.id), s]));
  for (const s of wanted.values()) await scheduleSource(rt, s.id, s.currentIntervalMinutes ?? s.pollIntervalMinutes, { startNow: true });
  const removed: string[] = [];
  const existing = await pollQueue(rt).getJobSchedulers(0, -1);
  for (const sch of existing) {
    const id = sch.key ?? sch.id;
    if (id && !wanted.has(id)) {
      await pollQueue(rt).removeJobScheduler(id);
      removed.push(id);
    }
  }
  return { scheduled: [...wanted.keys()], removed };
}
