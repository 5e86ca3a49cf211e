import { Queue } from "bullmq";
import { listSources } from "@radar/db";
import { QUEUES } from "@radar/queue";
import type { Runtime } from "@radar/runtime";

const schedulerId = (sourceId: string) => `poll-${sourceId}`;

function pollQueue(rt: Runtime): Queue {
  return rt.producers.poll.queue;
}

export async function scheduleSource(rt: Runtime, sourceId: string, everyMinutes: number): Promise<void> {
  await pollQueue(rt).upsertJobScheduler(
    schedulerId(sourceId),
    { every: everyMinutes * 60_000 },
    { name: QUEUES.poll.name, data: { sourceId }, opts: QUEUES.poll.jobOptions },
  );
}

export async function removeSourceScheduler(rt: Runtime, sourceId: string): Promise<void> {
  await pollQueue(rt).removeJobScheduler(schedulerId(sourceId));
}

/**
 * One job scheduler per enabled source, kept in step with the registry: upsert is idempotent
 * (same id → one scheduler however often radar restarts) and schedulers of removed or disabled
 * sources are deleted.
 */
export async function syncSchedulers(rt: Runtime): Promise<{ scheduled: string[]; removed: string[] }> {
  const sources = await listSources(rt.db);
  const wanted = new Map(sources.filter((s) => s.enabled).map((s) => [schedulerId(s.id), s]));
  for (const s of wanted.values()) await scheduleSource(rt, s.id, s.currentIntervalMinutes ?? s.pollIntervalMinutes);
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
