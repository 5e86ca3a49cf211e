import path from "node:path";
import { EnvSchema } from "./env.js";

export const DEFAULT_REDIS_URL = "redis://127.0.0.1:6379";

export interface Config {
  redisUrl: string;
  /** True when REDIS_URL was not set: radar may start a private Redis if nothing answers. */
  redisIsDefault: boolean;
  /** Null selects embedded PGlite under dataDir. */
  databaseUrl: string | null;
  dataDir: string;
  queuePrefix: string;
  allowHosts: string[];
  concurrency: number;
  userAgent: string;
  port: number;
  smtpUrl: string | null;
  from: string;
  publicUrl: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** Thrown with every problem at once, so an operator fixes them in one go. */
export class ConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `configuration problems:\n- ${problems.join("\n- ")}`);
    this.name = "ConfigError";
    this.problems = problems;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env, cwd = process.cwd()): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = issue.path.join(".");
      return issue.message.includes(key) ? issue.message : `${key}: ${issue.message}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  return {
    redisUrl: e.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisIsDefault: e.REDIS_URL === undefined,
    databaseUrl: e.DATABASE_URL ?? null,
    dataDir: path.resolve(cwd, e.RADAR_DATA_DIR),
    queuePrefix: e.RADAR_QUEUE_PREFIX,
    allowHosts: splitList(e.RADAR_ALLOW_HOSTS),
    concurrency: e.RADAR_CONCURRENCY,
    userAgent: e.RADAR_USER_AGENT,
    port: e.PORT,
    smtpUrl: e.SMTP_URL ?? null,
    from: e.RADAR_FROM,
    publicUrl: e.RADAR_PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
  };
}

function splitList(value: string): string[] {
  return value
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s.length > 0);
}

/** The variables, their defaults and meaning: printed by `radar --help` and kept in the README. */
export const ENV_DOC: ReadonlyArray<[name: string, def: string, meaning: string]> = [
  ["REDIS_URL", DEFAULT_REDIS_URL, "Redis for the queues (must use maxmemory-policy noeviction)"],
  ["DATABASE_URL", "(unset: embedded PGlite)", "PostgreSQL connection string"],
  ["RADAR_DATA_DIR", ".radar", "embedded database, private Redis, digests and reports"],
  ["RADAR_QUEUE_PREFIX", "radar", "prefix of every queue key, so installs can share one Redis"],
  ["RADAR_ALLOW_HOSTS", "(empty)", "comma-separated host[:port] the safe HTTP client may reach on private addresses"],
  ["RADAR_CONCURRENCY", "4", "jobs each worker runs at once"],
  ["RADAR_USER_AGENT", "radar/0.1 (…)", "User-Agent sent to publishers"],
  ["PORT", "3000", "HTTP port of the API (reserved: no API yet)"],
  ["SMTP_URL", "(unset)", "SMTP server for email digests (reserved: only the file channel exists yet)"],
  ["RADAR_FROM", "radar <radar@localhost>", "From address of email digests (reserved)"],
  ["RADAR_PUBLIC_URL", "http://localhost:3000", "public base URL used in links (reserved)"],
  ["LOG_LEVEL", "info", "fatal, error, warn, info, debug, trace or silent"],
];
