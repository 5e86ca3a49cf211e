/**
 * Pure URL and redirect policy, applied to the first URL and again to every redirect target.
 * The address check here is only the early, friendly refusal for IP literals and "localhost";
 * the authoritative check happens at connect time on the resolved address (guarded-connect.ts).
 */
import { classifyAddress, isIpLiteral, isLocalHostName } from "./address-policy.js";
import { isAllowedHost } from "./allow-hosts.js";
import { HttpErrorCode, hostOf, permanentHttp } from "./errors.js";

const ALLOWED_SCHEMES = new Set(["http:", "https:"]);

/** Parses and vets a URL: http(s) only, no credentials, no forbidden IP literal or local name. */
export function checkUrl(raw: string, allowHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (err) {
    throw permanentHttp(HttpErrorCode.badUrl, `"${String(raw).slice(0, 120)}" is not a valid URL.`, String(raw), err);
  }
  if (!ALLOWED_SCHEMES.has(url.protocol)) {
    const scheme = url.protocol.replace(/:$/, "");
    throw permanentHttp(
      HttpErrorCode.badScheme,
      `Refused to fetch a ${scheme}: URL; only http and https are allowed.`,
      url.protocol + "//" + url.host,
    );
  }
  if (url.username !== "" || url.password !== "") {
    throw permanentHttp(
      HttpErrorCode.credentials,
      `Refused to fetch a URL for ${url.host} that embeds a user name or password.`,
      `${url.protocol}//${url.host}${url.pathname}`,
    );
  }
  if (url.hostname === "") {
    throw permanentHttp(HttpErrorCode.badUrl, `The URL "${String(raw).slice(0, 120)}" has no host.`, url.href);
  }
  if (!isAllowedHost(allowHosts, url)) refuseLocalTargets(url);
  return url;
}

function refuseLocalTargets(url: URL): void {
  if (isIpLiteral(url.hostname)) {
    const verdict = classifyAddress(url.hostname);
    if (!verdict.allowed) {
      throw permanentHttp(
        HttpErrorCode.blockedAddress,
        `Refused to connect to ${url.host}: it is ${verdict.reason}, not a public internet address.`,
        url.href,
      );
    }
  } else if (isLocalHostName(url.hostname)) {
    throw permanentHttp(
      HttpErrorCode.blockedAddress,
      `Refused to connect to ${url.host}: the name refers to this machine or its cloud metadata service.`,
      url.href,
    );
  }
}

/** Key for loop detection: the fragment never reaches the server. */
function visitKey(url: URL): string {
  const copy = new URL(url.href);
  copy.hash = "";
  return copy.href;
}

/**
 * Decides where a redirect leads: resolves a relative Location against the current URL, vets it
 * like a fresh URL, and refuses loops, https→http downgrades and chains longer than maxRedirects.
 * `visited` holds every URL already requested in this chain (including the current one).
 */
export function nextRedirect(
  current: URL,
  location: string | undefined,
  visited: readonly URL[],
  maxRedirects: number,
  allowHosts: readonly string[],
): URL {
  const host = current.host;
  if (location === undefined || location.trim() === "") {
    throw permanentHttp(HttpErrorCode.badRedirect, `${host} sent a redirect without a Location header.`, current.href);
  }
  if (visited.length > maxRedirects) {
    throw permanentHttp(
      HttpErrorCode.tooManyRedirects,
      `Gave up after ${maxRedirects} redirects starting at ${hostOf(visited[0] ?? current)}.`,
      current.href,
    );
  }
  let target: URL;
  try {
    target = new URL(location.trim(), current);
  } catch (err) {
    throw permanentHttp(HttpErrorCode.badRedirect, `${host} redirected to an invalid URL.`, current.href, err);
  }
  const next = checkUrl(target.href, allowHosts);
  if (current.protocol === "https:" && next.protocol === "http:") {
    throw permanentHttp(
      HttpErrorCode.redirectDowngrade,
      `Refused a redirect from https to plain http (${host} → ${next.host}).`,
      current.href,
    );
  }
  const key = visitKey(next);
  if (visited.some((v) => visitKey(v) === key)) {
    throw permanentHttp(HttpErrorCode.redirectLoop, `${host} redirects in a loop (back to ${next.host}${next.pathname}).`, current.href);
  }
  return next;
}
