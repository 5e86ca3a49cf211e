import { pino, type Logger, type DestinationStream } from "pino";
import { REDACT_PATHS, maskSecrets } from "./redact.js";

export type { Logger } from "pino";

export interface LoggerOptions {
  level?: string;
  name?: string;
  /** Where lines go; default stdout. Tests pass a stream to read what was logged. */
  destination?: DestinationStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  return pino(
    {
      level: opts.level ?? "info",
      name: opts.name ?? "radar",
      redact: { paths: REDACT_PATHS, censor: "***" },
      // Strings are where URLs with credentials hide; mask them in messages and errors.
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((a) => (typeof a === "string" ? maskSecrets(a) : a)) as Parameters<typeof method>,
          );
        },
      },
      serializers: {
        err: (err: unknown) => {
          const s = pino.stdSerializers.err(err as Error);
          return { ...s, message: maskSecrets(s.message ?? ""), stack: s.stack ? maskSecrets(s.stack) : s.stack };
        },
        url: (u: unknown) => (typeof u === "string" ? maskSecrets(u) : u),
        redisUrl: (u: unknown) => (typeof u === "string" ? maskSecrets(u) : u),
        databaseUrl: (u: unknown) => (typeof u === "string" ? maskSecrets(u) : u),
      },
    },
    opts.destination,
  );
}

/** A logger that drops everything: for pure-function tests and quiet CLI verbs. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
