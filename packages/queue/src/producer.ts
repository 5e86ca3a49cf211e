import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { permanent } from "@radar/core";
import type { Payload, PayloadInput, QueueDef } from "./catalog.js";

export interface Producer<D extends QueueDef> {
  readonly queue: Queue;
  add(payload: PayloadInput<D>, opts?: JobsOptions & { jobId?: string }): Promise<string | undefined>;
  addBulk(jobs: Array<{ payload: PayloadInput<D>; opts?: JobsOptions & { jobId?: string } }>): Promise<void>;
  close(): Promise<void>;
}

/** Validates before `add`, so a bad payload fails at its producer, not in a worker hours later. */
export function createProducer<D extends QueueDef>(def: D, connection: Redis, prefix: string): Producer<D> {
  const queue = new Queue(def.name, { connection, prefix, defaultJobOptions: def.jobOptions });
  const check = (payload: unknown) => {
    const parsed = def.schema.safeParse(payload);
    if (!parsed.success) {
      throw permanent("bad-payload", `refused to enqueue an invalid ${def.name} job: ${parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ")}`);
    }
    return parsed.data as Payload<D>;
  };
  return {
    queue,
    async add(payload, opts) {
      const job = await queue.add(def.name, check(payload), opts);
      return job.id;
    },
    async addBulk(jobs) {
      if (jobs.length === 0) return;
      await queue.addBulk(jobs.map((j) => ({ name: def.name, data: check(j.payload), opts: j.opts })));
    },
    close: () => queue.close(),
  };
}

/** BullMQ rejects ':' in custom job ids; keep ids to [A-Za-z0-9_-]. */
export function jobId(...parts: Array<string | number>): string {
  return parts.map((p) => String(p).replace(/[^A-Za-z0-9_-]/g, "_")).join("-");
}
