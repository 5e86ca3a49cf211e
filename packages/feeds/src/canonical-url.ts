import { permanent } from "@radar/core";

/**
 * Query parameters that identify a click, a campaign or a mailing, never the page. Dropping them
 * lets the same article reached from a newsletter, a social post and the feed share one key.
 * Compared lower-case; every `utm_*` parameter is dropped as well.
 */
const TRACKING_PARAMS = new Set([
  "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
  "mc_cid", "mc_eid", "_hsenc", "_hsmi", "__hstc", "__hssc", "__hsfp", "hsctatracking",
  "ref", "ref_src", "ref_url", "referrer", "_ga", "_gl", "mkt_tok", "vero_id", "vero_conv",
  "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "cmpid", "ncid", "sr_share",
  "amp", "at_medium", "at_campaign", "wt.mc_id", "trk", "trkcampaign", "spm",
]);

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith("utm_") || TRACKING_PARAMS.has(lower);
}

function parseOrThrow(raw: string, base: string | undefined): URL {
  const trimmed = raw.trim();
  if (trimmed === "") throw permanent("bad-url", "empty URL");
  try {
    return base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch (err) {
    const where = base === undefined ? "" : ` (base ${base})`;
    throw permanent("bad-url", `not a valid URL: ${JSON.stringify(trimmed.slice(0, 200))}${where}`, err);
  }
}

/**
 * One spelling per page, used as the article's identity everywhere (job ids, unique index).
 * Rules: http(s) only; scheme and host lower-cased (WHATWG URL does it, and drops default ports);
 * credentials, fragment and tracking parameters dropped; remaining parameters sorted by name
 * then value; a trailing slash is removed from every path except the root, so
 * `/2025/06/23/slug/` and `/2025/06/23/slug` are one page. WordPress serves the slash form and
 * redirects the other, so a fetcher that uses the canonical form pays one redirect at most.
 */
export function canonicalUrl(raw: string, base?: string): string {
  const url = parseOrThrow(raw, base);
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw permanent("bad-url", `unsupported URL scheme ${url.protocol} in ${JSON.stringify(raw.trim().slice(0, 200))}`);
  }
  if (url.hostname === "") throw permanent("bad-url", `URL has no host: ${JSON.stringify(raw.trim())}`);
  url.username = "";
  url.password = "";
  url.hash = "";
  // A dot at the end of a host name ("htn.co.uk.") names the same host.
  if (url.hostname.endsWith(".")) url.hostname = url.hostname.replace(/\.+$/, "");

  const kept = [...url.searchParams.entries()].filter(([name]) => !isTrackingParam(name));
  kept.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  url.search = kept.length === 0 ? "" : new URLSearchParams(kept).toString();

  if (url.pathname.length > 1) url.pathname = url.pathname.replace(/\/+$/, "") || "/";
  return url.toString();
}

/** Like canonicalUrl but returns null instead of throwing; for optional links. */
export function tryCanonicalUrl(raw: string | null | undefined, base?: string): string | null {
  if (raw == null) return null;
  try {
    return canonicalUrl(raw, base);
  } catch {
    return null;
  }
}

/** True when `raw` is an absolute http(s) URL on its own, without any base. */
export function isAbsoluteHttpUrl(raw: string): boolean {
  const trimmed = raw.trim();
  if (!/^https?:\/\//i.test(trimmed)) return false;
  return tryCanonicalUrl(trimmed) !== null;
}
