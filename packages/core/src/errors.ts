/**
 * Errors carry whether a retry can help. Only worker shells map `retryable: false`
 * to BullMQ's UnrecoverableError; stages just throw RadarError.
 */
export class RadarError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "RadarError";
    this.code = code;
    this.retryable = options.retryable;
  }
}

export const permanent = (code: string, message: string, cause?: unknown) =>
  new RadarError(code, message, { retryable: false, cause });

export const transient = (code: string, message: string, cause?: unknown) =>
  new RadarError(code, message, { retryable: true, cause });

export function isPermanent(err: unknown): boolean {
  return err instanceof RadarError && !err.retryable;
}

export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
