/** Turns whatever undici / node / zlib threw into an HttpError with a stable code. */
import { RadarError } from "@radar/core";
import { HttpErrorCode, hostOf, transientHttp, whereOf } from "./errors.js";

export type StopReason = "total-timeout" | "caller" | null;

export interface ErrorContext {
  url: string;
  stopReason: StopReason;
  totalTimeoutMs: number;
  idleTimeoutMs: number;
}

const TLS_CODES = /^(ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|ERR_SSL_)/;

export function mapTransportError(err: unknown, ctx: ErrorContext): RadarError {
  const where = whereOf(ctx.url);
  const host = hostOf(ctx.url);
  // Our own timers win: an abort we caused surfaces from undici as a generic abort error.
  if (ctx.stopReason === "total-timeout") {
    return transientHttp(HttpErrorCode.timeout, `Gave up on ${where} after ${ctx.totalTimeoutMs} ms (total time limit).`, ctx.url, err);
  }
  if (ctx.stopReason === "caller") {
    return transientHttp(HttpErrorCode.aborted, `The request to ${where} was cancelled.`, ctx.url, err);
  }
  if (err instanceof RadarError) return err;
  const code = String((err as { code?: unknown } | null)?.code ?? "");
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return transientHttp(HttpErrorCode.idleTimeout, `${host} sent nothing for ${ctx.idleTimeoutMs} ms while serving ${where}.`, ctx.url, err);
  }
  if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "ETIMEDOUT") {
    return transientHttp(HttpErrorCode.timeout, `Connecting to ${host} timed out.`, ctx.url, err);
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ENODATA") {
    const name = host.replace(/:\d+$/, "");
    return transientHttp(HttpErrorCode.network, `The host name ${name} could not be resolved (DNS ${code}).`, ctx.url, err);
  }
  if (TLS_CODES.test(code)) {
    return transientHttp(HttpErrorCode.network, `The TLS connection to ${host} failed (${code}).`, ctx.url, err);
  }
  const detail = code || (err instanceof Error ? err.message : String(err));
  return transientHttp(HttpErrorCode.network, `The connection to ${host} failed (${detail}).`, ctx.url, err);
}
