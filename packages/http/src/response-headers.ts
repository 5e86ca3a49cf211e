/** Pure helpers for the response headers radar cares about. */

export type AcceptKind = "feed" | "page" | "any";

export interface ContentType {
  mime: string;
  charset: string | null;
}

/** `text/html; charset="ISO-8859-1"` → { mime: "text/html", charset: "ISO-8859-1" }. */
export function parseContentType(value: string | null | undefined): ContentType | null {
  if (!value) return null;
  const [mimePart, ...params] = value.split(";");
  const mime = (mimePart ?? "").trim().toLowerCase();
  if (!/^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/.test(mime)) return null;
  let charset: string | null = null;
  for (const param of params) {
    const eq = param.indexOf("=");
    if (eq < 0) continue;
    if (param.slice(0, eq).trim().toLowerCase() !== "charset") continue;
    charset = param.slice(eq + 1).trim().replace(/^"(.*)"$/, "$1") || null;
  }
  return { mime, charset };
}

const FEED_TYPES = new Set([
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/xml",
  "text/xml",
  "application/x-rss+xml",
  "application/x-atom+xml",
  "text/rss+xml",
  "text/atom+xml",
]);
const PAGE_TYPES = new Set(["text/html", "application/xhtml+xml", "text/plain"]);

/**
 * Is this MIME type one the caller can use? A missing or unparseable Content-Type is let through
 * (many small sites omit it; the parser downstream is the judge). `tolerateHtml` lets a feed
 * request accept text/html, for the feeds that are served with the wrong type.
 */
export function isAcceptedContentType(mime: string | null, accept: AcceptKind, tolerateHtml = false): boolean {
  if (mime === null || accept === "any") return true;
  if (accept === "page") return PAGE_TYPES.has(mime);
  if (FEED_TYPES.has(mime) || /^application\/[a-z0-9.-]+\+xml$/.test(mime)) return true;
  return tolerateHtml && (mime === "text/html" || mime === "application/xhtml+xml");
}

/** The Accept header sent for each kind. */
export function acceptHeader(accept: AcceptKind, tolerateHtml = false): string {
  if (accept === "feed") {
    const base = "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9";
    return tolerateHtml ? `${base}, text/html;q=0.5` : base;
  }
  if (accept === "page") return "text/html, application/xhtml+xml;q=0.9, text/plain;q=0.5";
  return "*/*";
}

const MAX_RETRY_AFTER_MS = 7 * 24 * 3600 * 1000;

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; null if absent/bad. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
  // HTTP dates always name a weekday and GMT; insisting on letters keeps "12" or "1.5" out.
  if (!/[a-z]/i.test(text)) return null;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.min(Math.max(0, at - now), MAX_RETRY_AFTER_MS);
}

/** First value of a header as undici returns it (string, string[] or undefined). */
export function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  return Array.isArray(v) ? (v[0] ?? null) : v;
}
