import { UnrecoverableError, Worker, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { errorMessage, isPermanent } from "@radar/core";
import type { Logger } from "@radar/log";
import type { Payload, QueueDef } from "./catalog.js";

export interface JobContext {
  job: Job;
  log: Logger;
}

export type Handler<D extends QueueDef, R = unknown> = (payload: Payload<D>, ctx: JobContext) => Promise<R>;

export interface WorkerOptions {
  connection: Redis;
  prefix: string;
  log: Logger;
  concurrency?: number;
  /**
   * Called once a job has failed for good (a permanent error, or its last attempt), so the shell
   * can store the reason where operators look. Errors thrown here are logged, never lost silently.
   */
  onFinalFailure?: (payload: unknown, err: unknown, log: Logger) => Promise<void>;
}

/**
 * The one worker shell: validates the payload again, logs start/finish/failure with duration
 * under a child logger per job, and maps permanent errors to UnrecoverableError so BullMQ does
 * not retry what cannot succeed.
 */
export function createWorker<D extends QueueDef, R>(def: D, handler: Handler<D, R>, opts: WorkerOptions): Worker {
  const processor = async (job: Job) => {
    const log = opts.log.child({ queue: def.name, jobId: job.id, attempt: job.attemptsMade + 1 });
    const parsed = def.schema.safeParse(job.data);
    if (!parsed.success) {
      const reason = parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; ");
      log.error({ reason }, "invalid payload");
      throw new UnrecoverableError(`invalid ${def.name} payload: ${reason}`);
    }
    const started = performance.now();
    log.debug("job started");
    try {
      const result = await handler(parsed.data as Payload<D>, { job, log });
      log.info({ durationMs: Math.round(performance.now() - started) }, "job done");
      return result;
    } catch (err) {
      const durationMs = Math.round(performance.now() - started);
      const permanentFailure = isPermanent(err) || err instanceof UnrecoverableError;
      const last = permanentFailure || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      log.warn({ durationMs, err, permanent: permanentFailure, last }, "job failed");
      if (last && opts.onFinalFailure) {
        await opts.onFinalFailure(job.data, err, log).catch((e: unknown) => log.error({ err: e }, "could not record the failure"));
      }
      if (permanentFailure && !(err instanceof UnrecoverableError)) throw new UnrecoverableError(errorMessage(err));
      throw err;
    }
  };
  const worker = new Worker(def.name, processor, {
    connection: opts.connection,
    prefix: opts.prefix,
    concurrency: opts.concurrency ?? 1,
    autorun: true,
  });
  // Without a listener an 'error' event would crash the process; log it instead.
  worker.on("error", (err) => opts.log.error({ err, queue: def.name }, "worker error"));
  return worker;
}
