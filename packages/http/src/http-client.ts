/**
 * radar's one HTTP client. Every request goes: URL policy → per-host limiter → guarded connect
 * (address checked at connect time) → manual redirect handling (each hop re-vetted) → content
 * type check → capped, self-decompressed body → charset decoding.
 */
import type { LookupFunction } from "node:net";
import type { Readable } from "node:stream";
import { Agent } from "undici";
import { parseAllowHosts } from "./allow-hosts.js";
import { destroyQuietly, readCappedBody, tooLarge } from "./body-reader.js";
import { decodeBody } from "./charset.js";
import { HttpErrorCode, permanentHttp, statusError, whereOf } from "./errors.js";
import { createGuardedConnector } from "./guarded-connect.js";
import { createHostLimiter } from "./host-limiter.js";
import {
  type AcceptKind,
  acceptHeader,
  headerValue,
  isAcceptedContentType,
  parseContentType,
  parseRetryAfter,
} from "./response-headers.js";
import { type StopReason, mapTransportError } from "./transport-errors.js";
import { checkUrl, nextRedirect } from "./url-policy.js";

export const DEFAULT_USER_AGENT = "radar/0.1 (+https://github.com/radar; NHS digital news monitor)";
const MiB = 1024 * 1024;
export const DEFAULT_MAX_BYTES = { feed: 15 * MiB, page: 5 * MiB } as const;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface HttpClientOptions {
  userAgent?: string;
  /** Operator allow-list (RADAR_ALLOW_HOSTS): `host` or `host:port`; the only bypass of the guard. */
  allowHosts?: string[];
  /** DNS lookup used for connections (tests inject one); every answer is still vetted. */
  lookup?: LookupFunction;
  perHostConcurrency?: number;
  perHostIntervalMs?: number;
  totalTimeoutMs?: number;
  idleTimeoutMs?: number;
  maxRedirects?: number;
}

export interface GetOptions {
  kind: "feed" | "page";
  etag?: string | null;
  lastModified?: string | null;
  maxBytes?: number;
  /** Which content types are acceptable; defaults to `kind`. */
  accept?: AcceptKind;
  /** With accept "feed": also accept text/html (some feeds are served with the wrong type). */
  tolerateHtml?: boolean;
  signal?: AbortSignal;
}

export interface HttpResult {
  status: number;
  url: string;
  finalUrl: string;
  /** Each redirect target in order; the last one equals finalUrl. Empty without redirects. */
  redirects: string[];
  notModified: boolean;
  contentType: string | null;
  charset: string;
  etag: string | null;
  lastModified: string | null;
  retryAfterMs: number | null;
  bytes: Buffer;
  text: string;
}

export interface HttpClient {
  get(url: string, o: GetOptions): Promise<HttpResult>;
  close(): Promise<void>;
}

type Headers = Record<string, string | string[] | undefined>;
interface Hop {
  url: URL;
  status: number;
  headers: Headers;
  body: Readable & { dump?: (o?: { limit?: number }) => Promise<void> };
}

/** Aborts on the total deadline or the caller's signal, remembering which one it was. */
class RequestClock {
  readonly controller = new AbortController();
  reason: StopReason = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly onCaller = () => this.stop("caller");

  constructor(private readonly caller: AbortSignal | undefined) {
    if (caller?.aborted) this.stop("caller");
    caller?.addEventListener("abort", this.onCaller, { once: true });
  }
  start(ms: number): void {
    if (this.timer === null) this.timer = setTimeout(() => this.stop("total-timeout"), ms);
  }
  stop(reason: Exclude<StopReason, null>): void {
    if (this.reason !== null) return;
    this.reason = reason;
    this.controller.abort(new Error(reason));
  }
  clear(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.caller?.removeEventListener("abort", this.onCaller);
  }
}

export function createHttpClient(opts: HttpClientOptions = {}): HttpClient {
  const cfg = {
    userAgent: opts.userAgent ?? DEFAULT_USER_AGENT,
    allowHosts: (opts.allowHosts ?? []).flatMap((entry) => parseAllowHosts(entry)),
    totalTimeoutMs: opts.totalTimeoutMs ?? 30_000,
    idleTimeoutMs: opts.idleTimeoutMs ?? 15_000,
    maxRedirects: opts.maxRedirects ?? 5,
  };
  const connect = createGuardedConnector({
    allowHosts: cfg.allowHosts,
    lookup: opts.lookup,
    connectTimeoutMs: Math.min(10_000, cfg.idleTimeoutMs),
  });
  const agent = new Agent({ connect, keepAliveTimeout: 10_000, keepAliveMaxTimeout: 60_000 });
  const limiter = createHostLimiter(opts.perHostConcurrency ?? 2, opts.perHostIntervalMs ?? 1000);

  function requestHeaders(o: GetOptions): Record<string, string> {
    const h: Record<string, string> = {
      "user-agent": cfg.userAgent,
      accept: acceptHeader(o.accept ?? o.kind, o.tolerateHtml),
      "accept-encoding": "gzip, deflate, br",
      "accept-language": "en-GB,en;q=0.9",
    };
    if (o.etag) h["if-none-match"] = o.etag;
    if (o.lastModified) h["if-modified-since"] = o.lastModified;
    return h;
  }

  async function send(url: URL, o: GetOptions, clock: RequestClock): Promise<Hop> {
    const res = await agent.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      headers: requestHeaders(o),
      signal: clock.controller.signal,
      headersTimeout: cfg.idleTimeoutMs,
      bodyTimeout: cfg.idleTimeoutMs,
    });
    return { url, status: res.statusCode, headers: res.headers as Headers, body: res.body as unknown as Hop["body"] };
  }

  async function chain(rawUrl: string, o: GetOptions, clock: RequestClock, track: (u: string) => void): Promise<HttpResult> {
    let url = checkUrl(rawUrl, cfg.allowHosts);
    const visited: URL[] = [];
    const redirects: string[] = [];
    for (;;) {
      track(url.href);
      visited.push(url);
      const release = await limiter.acquire(url.hostname.toLowerCase(), clock.controller.signal);
      clock.start(cfg.totalTimeoutMs); // queueing for the first slot does not count against the deadline
      try {
        const hop = await send(url, o, clock);
        if (!REDIRECT_STATUSES.has(hop.status)) return await finish(hop, visited[0] as URL, redirects, o);
        await discard(hop.body);
        url = nextRedirect(url, headerValue(hop.headers, "location") ?? undefined, visited, cfg.maxRedirects, cfg.allowHosts);
        redirects.push(url.href);
      } finally {
        release();
      }
    }
  }

  async function get(rawUrl: string, o: GetOptions): Promise<HttpResult> {
    const clock = new RequestClock(o.signal);
    let current = rawUrl;
    try {
      return await chain(rawUrl, o, clock, (u) => (current = u));
    } catch (err) {
      throw mapTransportError(err, {
        url: current,
        stopReason: clock.reason,
        totalTimeoutMs: cfg.totalTimeoutMs,
        idleTimeoutMs: cfg.idleTimeoutMs,
      });
    } finally {
      clock.clear();
    }
  }

  return { get, close: () => agent.close() };
}

async function discard(body: Hop["body"]): Promise<void> {
  try {
    if (body.dump) await body.dump({ limit: 64 * 1024 });
    else destroyQuietly(body);
  } catch {
    destroyQuietly(body);
  }
}

/** Turns the final (non-redirect) response into a result or a status error. */
async function finish(hop: Hop, first: URL, redirects: string[], o: GetOptions): Promise<HttpResult> {
  const h = hop.headers;
  const href = hop.url.href;
  const retryAfterMs = parseRetryAfter(headerValue(h, "retry-after"));
  const ct = parseContentType(headerValue(h, "content-type"));
  const base = {
    status: hop.status,
    url: first.href,
    finalUrl: href,
    redirects,
    contentType: ct?.mime ?? null,
    etag: headerValue(h, "etag"),
    lastModified: headerValue(h, "last-modified"),
    retryAfterMs,
  };
  if (hop.status === 304) {
    await discard(hop.body);
    return { ...base, notModified: true, charset: "utf-8", bytes: Buffer.alloc(0), text: "" };
  }
  if (hop.status < 200 || hop.status > 299) {
    destroyQuietly(hop.body); // an error page is not worth waiting for
    throw statusError(hop.status, href, retryAfterMs);
  }
  const body = await readSuccessBody(hop, o, ct?.mime ?? null);
  const { text, charset } = decodeBody(body, ct?.charset ?? null);
  return { ...base, notModified: false, charset, bytes: body, text };
}

/** Content type and size checks before reading a 2xx body, then the capped read. */
async function readSuccessBody(hop: Hop, o: GetOptions, mime: string | null): Promise<Buffer> {
  const href = hop.url.href;
  const accept = o.accept ?? o.kind;
  if (!isAcceptedContentType(mime, accept, o.tolerateHtml)) {
    destroyQuietly(hop.body);
    throw permanentHttp(HttpErrorCode.badContentType, `${whereOf(href)} returned ${mime} where a ${accept} was expected.`, href);
  }
  const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES[o.kind];
  const declared = Number(headerValue(hop.headers, "content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    destroyQuietly(hop.body);
    throw tooLarge(href, maxBytes);
  }
  return readCappedBody(hop.body, headerValue(hop.headers, "content-encoding"), maxBytes, href);
}
