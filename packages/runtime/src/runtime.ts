import type { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Config } from "@radar/config";
import { openStore, type Db, type Store } from "@radar/db";
import type { Logger } from "@radar/log";
import { QUEUES, createProducer, createRedis, type Producer } from "@radar/queue";

export type Producers = { [K in keyof typeof QUEUES]: Producer<(typeof QUEUES)[K]> };

/** Everything a worker shell is handed: no shell opens its own connections. */
export interface Runtime {
  config: Config;
  log: Logger;
  store: Store;
  db: Db;
  /** Redis URL actually in use (a private one may have been started). */
  redisUrl: string;
  queuePrefix: string;
  producers: Producers;
  /** A fresh connection for a worker (BullMQ workers block on their connection). */
  workerConnection(): Redis;
  /** Registers something to close on shutdown, in reverse order of registration. */
  onClose(fn: () => Promise<void>): void;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  log: Logger;
  redisUrl: string;
  store?: Store;
}

export async function openRuntime(opts: RuntimeOptions): Promise<Runtime> {
  const { config, log } = opts;
  const store = opts.store ?? (await openStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  const closers: Array<() => Promise<void>> = [];
  const producerRedis = createRedis(opts.redisUrl, "producer");
  producerRedis.on("error", (err) => log.warn({ err }, "redis connection error"));
  const prefix = config.queuePrefix;
  const producers = Object.fromEntries(
    Object.entries(QUEUES).map(([key, def]) => [key, createProducer(def, producerRedis, prefix)]),
  ) as unknown as Producers;
  const connections: Redis[] = [];
  let closed = false;
  return {
    config,
    log,
    store,
    db: store.db,
    redisUrl: opts.redisUrl,
    queuePrefix: prefix,
    producers,
    workerConnection() {
      const c = createRedis(opts.redisUrl, "worker");
      c.on("error", (err) => log.warn({ err }, "redis worker connection error"));
      connections.push(c);
      return c;
    },
    onClose(fn) {
      closers.push(fn);
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn().catch((err) => log.warn({ err }, "error while closing"));
      await Promise.all(Object.values(producers).map((p) => (p as Producer<never>).close()));
      for (const c of connections) c.disconnect();
      producerRedis.disconnect();
      if (!opts.store) await store.close();
    },
  };
}

/** Closes workers first (they finish their current job), then the runtime. */
export async function closeWorkers(workers: Worker[]): Promise<void> {
  await Promise.all(workers.map((w) => w.close()));
}

/** SIGINT/SIGTERM → graceful close; a second signal exits at once. */
export function installShutdown(close: () => Promise<void>, log: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) process.exit(130);
    closing = true;
    log.info({ signal }, "shutting down: finishing current jobs");
    close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}
