import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Redis } from "ioredis";
import { permanent } from "@radar/core";

export interface RedisHandle {
  url: string;
  /** True when radar started its own redis-server for this process. */
  private: boolean;
  stop(): Promise<void>;
}

export const REDIS_HELP =
  "Install Redis (Debian/Ubuntu: `sudo apt-get install redis-server`; macOS: `brew install redis`), " +
  "or run `docker compose up -d redis`, or point REDIS_URL at a running Redis.";

/**
 * Finds a usable Redis: the configured one if it answers; otherwise, when the URL is local (or
 * unset), a private redis-server under `<dataDir>/redis` on its own port, stopped on exit. A remote
 * REDIS_URL that does not answer is an error: silently using another Redis would split the queues.
 */
export async function ensureRedis(opts: { url: string; dataDir: string; allowPrivate: boolean }): Promise<RedisHandle> {
  if (await answers(opts.url)) {
    await assertNoEviction(opts.url);
    return { url: opts.url, private: false, stop: async () => undefined };
  }
  const local = isLoopback(opts.url);
  // Another radar process (say `radar start`) may already run the private Redis of this data
  // directory: share it, so every verb sees the same queues; its owner stops it.
  const shared = local ? await runningPrivateRedis(opts.dataDir) : null;
  if (shared) return { url: shared, private: false, stop: async () => undefined };
  if (!local) {
    throw permanent(
      "redis-unreachable",
      `Redis is not answering at ${safeUrl(opts.url)}; check that it is running and reachable from here, or unset REDIS_URL to use a local Redis.`,
    );
  }
  if (!opts.allowPrivate) {
    throw permanent("redis-unreachable", `Redis is not answering at ${safeUrl(opts.url)} (is radar start running?). ${REDIS_HELP}`);
  }
  if (!hasRedisServer()) {
    throw permanent("redis-unreachable", `Redis is not answering at ${safeUrl(opts.url)} and redis-server is not installed. ${REDIS_HELP}`);
  }
  return startPrivateRedis(opts.dataDir);
}

async function answers(url: string): Promise<boolean> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 1_500 });
  client.on("error", () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** BullMQ loses jobs silently under eviction; refuse to run on such a Redis. */
export async function assertNoEviction(url: string): Promise<void> {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  client.on("error", () => undefined);
  try {
    await client.connect();
    let policy: string | undefined;
    try {
      const reply = (await client.config("GET", "maxmemory-policy")) as string[];
      policy = reply[1];
    } catch {
      return; // CONFIG disabled (managed Redis): cannot check, the operator owns this setting.
    }
    if (policy && policy !== "noeviction") {
      throw permanent(
        "redis-eviction",
        `Redis at ${safeUrl(url)} has maxmemory-policy '${policy}'; radar's queues need 'noeviction' ` +
          "(set `maxmemory-policy noeviction` in redis.conf or run `redis-cli config set maxmemory-policy noeviction`).",
      );
    }
  } finally {
    client.disconnect();
  }
}

async function runningPrivateRedis(dataDir: string): Promise<string | null> {
  const file = path.resolve(dataDir, "redis", "url");
  const url = fs.existsSync(file) ? fs.readFileSync(file, "utf8").trim() : "";
  return url && (await answers(url)) ? url : null;
}

function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

async function startPrivateRedis(dataDir: string): Promise<RedisHandle> {
  const dir = path.resolve(dataDir, "redis");
  fs.mkdirSync(dir, { recursive: true });
  const port = await freePort();
  const child: ChildProcess = spawn(
    "redis-server",
    ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", "yes", "--maxmemory-policy", "noeviction", "--logfile", path.join(dir, "redis.log")],
    { stdio: "ignore" },
  );
  const url = `redis://127.0.0.1:${port}`;
  const urlFile = path.join(dir, "url");
  const stop = async () => {
    fs.rmSync(urlFile, { force: true });
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  process.once("exit", () => child.kill("SIGTERM"));
  for (let i = 0; i < 50; i++) {
    if (await answers(url)) {
      fs.writeFileSync(urlFile, url);
      return { url, private: true, stop };
    }
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw permanent("redis-unreachable", `could not start a private redis-server (see ${path.join(dir, "redis.log")}). ${REDIS_HELP}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}

function safeUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = "***";
  return u.toString();
}
