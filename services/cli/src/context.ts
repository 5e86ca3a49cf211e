import { ConfigError, loadConfig, type Config } from "@radar/config";
import { RadarError } from "@radar/core";
import { createLogger, maskSecrets, type Logger } from "@radar/log";
import { openStore, type Db } from "@radar/db";
import { ensureRedis, type RedisHandle } from "@radar/queue";
import { openRuntime, type Runtime } from "@radar/runtime";

/** Output that is not the command's result goes to stderr, so `--json` output stays clean. */
export function cliLogger(config: Config, quietByDefault: boolean): Logger {
  const explicit = process.env.LOG_LEVEL !== undefined;
  const level = explicit || !quietByDefault ? config.logLevel : "warn";
  return createLogger({ level, destination: process.stderr as never });
}

export function config(): Config {
  return loadConfig(process.env);
}

export interface CliRuntime {
  rt: Runtime;
  redis: RedisHandle;
  close(): Promise<void>;
}

export async function openCliRuntime(
  cfg: Config,
  log: Logger,
  opts: { allowPrivateRedis: boolean; /** Where a private redis-server keeps its files (default cfg.dataDir). */ redisDir?: string },
): Promise<CliRuntime> {
  const redis = await ensureRedis({ url: cfg.redisUrl, dataDir: opts.redisDir ?? cfg.dataDir, allowPrivate: opts.allowPrivateRedis });
  if (redis.private) log.info({ redisUrl: redis.url }, "started a private redis-server for this process");
  try {
    const rt = await openRuntime({ config: cfg, log, redisUrl: redis.url });
    return {
      rt,
      redis,
      async close() {
        await rt.close();
        await redis.stop();
      },
    };
  } catch (err) {
    await redis.stop();
    throw err;
  }
}

/** One clear sentence for what an operator can fix; no stack traces. */
export function reportFatal(err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`radar: ${maskSecrets(err.message)}\n`);
    return 2;
  }
  if (err instanceof RadarError) {
    process.stderr.write(`radar: ${maskSecrets(err.message)}\n`);
    return 1;
  }
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`radar: ${maskSecrets(message)}\n`);
  if (process.env.LOG_LEVEL === "debug" && err instanceof Error && err.stack) process.stderr.write(`${maskSecrets(err.stack)}\n`);
  return 1;
}

/** For verbs that only read or change the store: open it (migrating), run, close. */
export async function withStore<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const cfg = config();
  const store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    return await fn(store.db);
  } finally {
    await store.close();
  }
}
