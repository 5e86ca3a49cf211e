import { Redis, type RedisOptions } from "ioredis";

export interface QueueContext {
  redisUrl: string;
  /** Every key lives under this prefix, so installs and test runs sharing one Redis never meet. */
  prefix: string;
}

/**
 * Workers need `maxRetriesPerRequest: null` (BullMQ blocks on Redis); producers fail fast
 * instead, so an enqueue during an outage surfaces as an error the caller can retry.
 */
export function createRedis(url: string, role: "worker" | "producer", extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: role === "worker" ? null : 3,
    enableReadyCheck: true,
    lazyConnect: false,
    ...extra,
  });
}
