/**
 * Behaviour switches. `set()` changes them for every route; the same switches given as query
 * parameters override them for that one request (handy in tests: `/feed/?slow=200&charset=windows-1252`).
 *
 * | switch             | query parameter                   | effect |
 * |--------------------|-----------------------------------|--------|
 * | etag               | etag=0 / etag=1                   | send ETag + Last-Modified; answer If-None-Match / If-Modified-Since with 304 |
 * | slowBytesPerSecond | slow=N                            | body dribbled at N bytes per second (headers sent at once) |
 * | redirect           | redirect=/path-or-url, redirectStatus=3xx | redirect every other path there (default 302) |
 * | redirectLoop       | loop=1                            | redirect to the same path forever (hop counter in the query) |
 * | errorStatus        | status=N                          | answer with status N and a short HTML body |
 * | hugeBodyBytes      | huge=N                            | body of N bytes, chunked, no Content-Length |
 * | gzipBombBytes      | gzipBomb=N                        | Content-Encoding: gzip body inflating to N zero bytes |
 * | charset            | charset=windows-1252 / iso-8859-1 | body encoded in that charset, declared in Content-Type and in the document |
 * | feedItems          | items=N                           | feed gains N synthetic items linking to /generated/1/ … /generated/N/ |
 * | retryAfterSeconds  | retryAfter=N                      | Retry-After: N header on every response (pair with status=429/503) |
 */
export interface FixtureSwitches {
  etag: boolean;
  slowBytesPerSecond: number | null;
  redirect: null | { to: string; status?: number };
  redirectLoop: boolean;
  errorStatus: number | null;
  hugeBodyBytes: number | null;
  gzipBombBytes: number | null;
  charset: null | "windows-1252" | "iso-8859-1";
  feedItems: number | null;
  retryAfterSeconds: number | null;
}

export const DEFAULT_SWITCHES: FixtureSwitches = {
  etag: true,
  slowBytesPerSecond: null,
  redirect: null,
  redirectLoop: false,
  errorStatus: null,
  hugeBodyBytes: null,
  gzipBombBytes: null,
  charset: null,
  feedItems: null,
  retryAfterSeconds: null,
};

/** Query parameter names the site reads; they are not part of any route. */
export const SWITCH_PARAMS = ["etag", "slow", "redirect", "redirectStatus", "loop", "status", "huge", "gzipBomb", "charset", "items", "retryAfter", "hop"];

function positiveInt(value: string | null): number | null {
  if (value === null) return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : null;
}

function charsetOf(value: string | null): FixtureSwitches["charset"] {
  const lower = value?.toLowerCase();
  if (lower === "windows-1252" || lower === "cp1252") return "windows-1252";
  if (lower === "iso-8859-1" || lower === "latin1") return "iso-8859-1";
  return null;
}

/** Server-wide switches with this request's query parameters laid over them. */
export function switchesFor(base: FixtureSwitches, query: URLSearchParams): FixtureSwitches {
  const s: FixtureSwitches = { ...base };
  if (query.has("etag")) s.etag = query.get("etag") !== "0" && query.get("etag") !== "false";
  if (query.has("slow")) s.slowBytesPerSecond = positiveInt(query.get("slow"));
  if (query.has("redirect")) {
    const status = positiveInt(query.get("redirectStatus"));
    s.redirect = { to: query.get("redirect")!, ...(status ? { status } : {}) };
  }
  if (query.has("loop")) s.redirectLoop = query.get("loop") === "1" || query.get("loop") === "true";
  if (query.has("status")) s.errorStatus = positiveInt(query.get("status"));
  if (query.has("huge")) s.hugeBodyBytes = positiveInt(query.get("huge"));
  if (query.has("gzipBomb")) s.gzipBombBytes = positiveInt(query.get("gzipBomb"));
  if (query.has("charset")) s.charset = charsetOf(query.get("charset"));
  if (query.has("items")) s.feedItems = positiveInt(query.get("items"));
  if (query.has("retryAfter")) s.retryAfterSeconds = positiveInt(query.get("retryAfter"));
  return s;
}

// Windows-1252 differs from ISO-8859-1 only in 0x80–0x9F, where it puts typographic characters.
const CP1252_EXTRA: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87,
  0x02c6: 0x88, 0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91,
  0x2019: 0x92, 0x201c: 0x93, 0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98,
  0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b, 0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};

/**
 * Encodes text in a single-byte charset. Characters the charset lacks become numeric character
 * references, which is what a real CMS writing Latin-1 does and what HTML and XML both accept.
 */
export function encodeSingleByte(text: string, charset: "windows-1252" | "iso-8859-1"): Buffer {
  const bytes: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const mapped = code < 0x80 || (code >= 0xa0 && code <= 0xff) ? code : charset === "windows-1252" ? CP1252_EXTRA[code] : undefined;
    if (mapped !== undefined) bytes.push(mapped);
    else for (const c of `&#${code};`) bytes.push(c.charCodeAt(0));
  }
  return Buffer.from(bytes);
}

/**
 * The inverse of encodeSingleByte, for tests. Not TextDecoder: Node 20.18.3+ decodes
 * windows-1252 bytes 0x80–0x9F as C1 controls (nodejs/node#56542, #60888).
 */
export function decodeSingleByte(bytes: Uint8Array, charset: "windows-1252" | "iso-8859-1"): string {
  const extra = new Map(Object.entries(CP1252_EXTRA).map(([code, byte]) => [byte, Number(code)]));
  let out = "";
  for (const b of bytes) out += String.fromCodePoint(charset === "windows-1252" ? extra.get(b) ?? b : b);
  return out;
}

/** Rewrites the document's own charset declaration so it agrees with the bytes. */
export function declareCharset(text: string, charset: string): string {
  return text
    .replace(/^<\?xml([^?]*?)encoding="[^"]*"/, `<?xml$1encoding="${charset}"`)
    .replace(/<meta charset="[^"]*">/i, `<meta charset="${charset}">`);
}
