import type { JobsOptions } from "bullmq";
import type { z } from "zod";
import {
  AnalyzeJobSchema,
  ApplyJobSchema,
  ComposeJobSchema,
  DeliverJobSchema,
  FetchJobSchema,
  PollJobSchema,
  ResolveJobSchema,
} from "@radar/core";

export interface QueueDef<S extends z.ZodType = z.ZodType> {
  /** Renaming a queue strands the jobs already in Redis under the old name: don't, or migrate. */
  name: string;
  schema: S;
  jobOptions: JobsOptions;
}

/** What a handler receives (defaults filled in). */
export type Payload<D extends QueueDef> = z.infer<D["schema"]>;
/** What a producer accepts (fields with defaults may be left out). */
export type PayloadInput<D extends QueueDef> = z.input<D["schema"]>;

export function defineQueue<S extends z.ZodType>(def: QueueDef<S>): QueueDef<S> {
  if (/:/.test(def.name)) throw new Error(`queue name ${def.name} must not contain ':'`);
  return def;
}

// Completed jobs are kept a day (their ids dedupe re-enqueues meanwhile; the store's unique keys
// dedupe after that); failed ones a week, for operators. Both are capped so Redis stays bounded.
const keep = { removeOnComplete: { age: 24 * 3600, count: 2_000 }, removeOnFail: { age: 7 * 24 * 3600, count: 10_000 } };
const retry = (attempts: number, delay: number): JobsOptions => ({ attempts, backoff: { type: "exponential", delay } });

export const QUEUES = {
  poll: defineQueue({ name: "poll", schema: PollJobSchema, jobOptions: { ...keep, attempts: 1 } }),
  fetch: defineQueue({ name: "fetch", schema: FetchJobSchema, jobOptions: { ...keep, ...retry(5, 5_000) } }),
  analyze: defineQueue({ name: "analyze", schema: AnalyzeJobSchema, jobOptions: { ...keep, ...retry(3, 2_000) } }),
  resolve: defineQueue({ name: "resolve", schema: ResolveJobSchema, jobOptions: { ...keep, ...retry(5, 1_000) } }),
  apply: defineQueue({ name: "apply", schema: ApplyJobSchema, jobOptions: { ...keep, ...retry(5, 500) } }),
  compose: defineQueue({ name: "compose", schema: ComposeJobSchema, jobOptions: { ...keep, ...retry(5, 5_000) } }),
  deliver: defineQueue({ name: "deliver", schema: DeliverJobSchema, jobOptions: { ...keep, ...retry(8, 10_000) } }),
} as const;

export type QueueName = keyof typeof QUEUES;
export const QUEUE_NAMES = Object.keys(QUEUES) as QueueName[];
