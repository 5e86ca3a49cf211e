import { RadarError } from "@radar/core";

/** Stable error codes; workers and dashboards key on these, so never rename one. */
export const HttpErrorCode = {
  badUrl: "http_bad_url",
  badScheme: "http_bad_scheme",
  credentials: "http_credentials_in_url",
  blockedAddress: "http_blocked_address",
  tooManyRedirects: "http_too_many_redirects",
  redirectLoop: "http_redirect_loop",
  redirectDowngrade: "http_redirect_downgrade",
  badRedirect: "http_bad_redirect",
  tooLarge: "http_too_large",
  badContentType: "http_bad_content_type",
  badEncoding: "http_bad_content_encoding",
  timeout: "http_timeout",
  idleTimeout: "http_idle_timeout",
  aborted: "http_aborted",
  network: "http_network_error",
  notFound: "http_not_found",
  gone: "http_gone",
  clientError: "http_client_error",
  requestTimeout: "http_request_timeout",
  rateLimited: "http_rate_limited",
  serverError: "http_server_error",
  unexpectedStatus: "http_unexpected_status",
} as const;

export type HttpErrorCodeValue = (typeof HttpErrorCode)[keyof typeof HttpErrorCode];

/** A RadarError that also carries the HTTP status and Retry-After when there was a response. */
export class HttpError extends RadarError {
  readonly status: number | null;
  readonly retryAfterMs: number | null;
  readonly url: string;

  constructor(
    code: HttpErrorCodeValue,
    message: string,
    opts: { retryable: boolean; url: string; status?: number | null; retryAfterMs?: number | null; cause?: unknown },
  ) {
    super(code, message, { retryable: opts.retryable, cause: opts.cause });
    this.name = "HttpError";
    this.url = opts.url;
    this.status = opts.status ?? null;
    this.retryAfterMs = opts.retryAfterMs ?? null;
  }
}

export function permanentHttp(code: HttpErrorCodeValue, message: string, url: string, cause?: unknown): HttpError {
  return new HttpError(code, message, { retryable: false, url, cause });
}

export function transientHttp(code: HttpErrorCodeValue, message: string, url: string, cause?: unknown): HttpError {
  return new HttpError(code, message, { retryable: true, url, cause });
}

/** Host for messages, never the full URL (query strings can carry tokens). */
export function hostOf(url: string | URL): string {
  try {
    return (typeof url === "string" ? new URL(url) : url).host || String(url);
  } catch {
    return String(url).slice(0, 80);
  }
}

/** Host and path for messages, without query or fragment (they can carry tokens). */
export function whereOf(url: string | URL): string {
  try {
    const u = typeof url === "string" ? new URL(url) : url;
    return `${u.host}${u.pathname}`;
  } catch {
    return hostOf(url);
  }
}

/** Maps a non-success status to the error a worker should see. */
export function statusError(status: number, url: string, retryAfterMs: number | null): HttpError {
  const where = whereOf(url);
  const make = (code: HttpErrorCodeValue, retryable: boolean, what: string) =>
    new HttpError(code, `${where} answered HTTP ${status} (${what}).`, {
      retryable,
      url,
      status,
      retryAfterMs,
    });
  if (status === 404) return make(HttpErrorCode.notFound, false, "not found");
  if (status === 410) return make(HttpErrorCode.gone, false, "gone for good");
  if (status === 408) return make(HttpErrorCode.requestTimeout, true, "request timeout, will retry");
  if (status === 429) return make(HttpErrorCode.rateLimited, true, "rate limited, will retry later");
  if (status >= 500 && status <= 599) return make(HttpErrorCode.serverError, true, "server error, will retry");
  if (status >= 400 && status <= 499) return make(HttpErrorCode.clientError, false, "client error, not retried");
  return make(HttpErrorCode.unexpectedStatus, false, "unexpected status, not retried");
}
