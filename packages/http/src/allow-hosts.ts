/**
 * The operator's allow-list (RADAR_ALLOW_HOSTS): the only way past the address guard.
 * Entries are `host` (any port) or `host:port`; IPv6 as `[::1]` or `[::1]:8080`.
 * Hosts are normalised with the WHATWG URL parser so `LOCALHOST.` and `localhost` agree, and
 * `0x7f.1` and `127.0.0.1` agree.
 */

export interface AllowEntry {
  host: string;
  port: number | null;
}

/** Splits a comma/whitespace separated list into normalised `host` / `host:port` strings. */
export function parseAllowHosts(value: string | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  for (const raw of value.split(/[\s,]+/)) {
    const entry = parseAllowEntry(raw);
    if (!entry) continue;
    const text = entry.port === null ? entry.host : `${entry.host}:${entry.port}`;
    if (!out.includes(text)) out.push(text);
  }
  return out;
}

/** One entry, or null when it is empty or not a plain host[:port] (schemes, paths refused). */
export function parseAllowEntry(raw: string): AllowEntry | null {
  const text = raw.trim();
  if (text === "" || /[/@?#]/.test(text)) return null;
  let url: URL;
  try {
    url = new URL(`http://${text}`);
  } catch {
    return null;
  }
  const explicitPort = /:(\d+)$/.exec(text);
  const port = explicitPort ? Number(explicitPort[1]) : null;
  return { host: normaliseHost(url.hostname), port };
}

export function normaliseHost(hostname: string): string {
  return hostname.toLowerCase().replace(/\.$/, "");
}

/** Is this URL's host (and effective port) on the allow-list? */
export function isAllowedHost(allow: readonly string[], url: URL): boolean {
  if (allow.length === 0) return false;
  const port = effectivePort(url);
  return isAllowedHostPort(allow, url.hostname, port);
}

/** Same check from connect-time parts (hostname without brackets is accepted too). */
export function isAllowedHostPort(allow: readonly string[], hostname: string, port: number): boolean {
  const host = normaliseHost(hostname.includes(":") && !hostname.startsWith("[") ? `[${hostname}]` : hostname);
  return allow.some((text) => {
    const entry = parseAllowEntry(text);
    return entry !== null && entry.host === host && (entry.port === null || entry.port === port);
  });
}

export function effectivePort(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === "https:" ? 443 : 80;
}
