import { z } from "zod";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

function urlWithSchemes(name: string, schemes: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return schemes.includes(new URL(value).protocol.replace(/:$/, ""));
      } catch {
        return false;
      }
    },
    { message: `${name} must be a URL starting with ${schemes.map((s) => `${s}://`).join(" or ")}` },
  );
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

/**
 * Every variable radar reads, with a default that works on one machine. This is the only place
 * process.env is interpreted; everything else receives a parsed Config.
 */
export const EnvSchema = z.object({
  REDIS_URL: urlWithSchemes("REDIS_URL", ["redis", "rediss"]).optional(),
  DATABASE_URL: optionalString.pipe(urlWithSchemes("DATABASE_URL", ["postgres", "postgresql"]).optional()),
  RADAR_DATA_DIR: z.string().min(1).default(".radar"),
  RADAR_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_{}-]+$/, "RADAR_QUEUE_PREFIX may hold only letters, digits, '-', '_' and '{}' (no ':')")
    .default("radar"),
  RADAR_ALLOW_HOSTS: z.string().default(""),
  RADAR_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  RADAR_USER_AGENT: z.string().default("radar/0.1 (NHS digital news monitor; +https://github.com/radar-news/radar)"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SMTP_URL: optionalString.pipe(urlWithSchemes("SMTP_URL", ["smtp", "smtps"]).optional()),
  RADAR_FROM: z.string().default("radar <radar@localhost>"),
  RADAR_PUBLIC_URL: z.string().url("RADAR_PUBLIC_URL must be a URL").default("http://localhost:3000"),
  LOG_LEVEL: z.enum(LOG_LEVELS).default("info"),
});
export type Env = z.infer<typeof EnvSchema>;
