/**
 * The connect-time guard. undici calls this connector for every new socket (every origin, every
 * redirect hop that needs a connection). The address actually dialled is checked here:
 *  - IP literals are classified before dialling (node's net skips `lookup` for them);
 *  - host names are resolved through a wrapped `lookup` that refuses the connection if ANY
 *    resolved address is forbidden, so DNS answers cannot point radar at the internal network
 *    (and a mixed answer cannot be used to win a race between a good and a bad address).
 * Only hosts on the operator's allow-list skip the check.
 */
import { lookup as dnsLookup } from "node:dns";
import { isIP, type LookupFunction } from "node:net";
import { buildConnector } from "undici";
import { classifyAddress } from "./address-policy.js";
import { isAllowedHostPort } from "./allow-hosts.js";
import { HttpErrorCode, permanentHttp } from "./errors.js";

type LookupAddress = { address: string; family: number };
type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

export interface GuardOptions {
  allowHosts: readonly string[];
  lookup?: LookupFunction;
  connectTimeoutMs: number;
}

function blocked(hostname: string, address: string, reason: string): Error {
  const shown = address === hostname ? hostname : `${hostname} (${address})`;
  return permanentHttp(
    HttpErrorCode.blockedAddress,
    `Refused to connect to ${shown}: it is ${reason}, not a public internet address.`,
    `//${hostname}`,
  );
}

/** Wraps a lookup so every address it returns is vetted; asks for all addresses to see them all. */
export function guardLookup(base: LookupFunction): LookupFunction {
  const guarded = (hostname: string, options: object, callback: LookupCallback): void => {
    const wantAll = (options as { all?: boolean }).all === true;
    (base as unknown as (h: string, o: object, cb: LookupCallback) => void)(
      hostname,
      { ...options, all: true },
      (err, address, family) => {
        if (err) return callback(err, "");
        const list: LookupAddress[] = Array.isArray(address) ? address : [{ address, family: family ?? isIP(address) }];
        if (list.length === 0) return callback(Object.assign(new Error(`No address for ${hostname}`), { code: "ENOTFOUND" }), "");
        for (const entry of list) {
          const verdict = classifyAddress(entry.address);
          if (!verdict.allowed) return callback(blocked(hostname, entry.address, verdict.reason ?? "forbidden"), "");
        }
        if (wantAll) return callback(null, list);
        const first = list[0] as LookupAddress;
        callback(null, first.address, first.family);
      },
    );
  };
  return guarded as unknown as LookupFunction;
}

type ConnectOptions = Parameters<buildConnector.connector>[0];
type ConnectCallback = Parameters<buildConnector.connector>[1];

/** An undici `connect` function that enforces the address policy on every new connection. */
export function createGuardedConnector(opts: GuardOptions): buildConnector.connector {
  const base = opts.lookup ?? (dnsLookup as unknown as LookupFunction);
  const plain = buildConnector({ timeout: opts.connectTimeoutMs, ...(opts.lookup ? { lookup: opts.lookup } : {}) });
  const guarded = buildConnector({ timeout: opts.connectTimeoutMs, lookup: guardLookup(base) });

  return (options: ConnectOptions, callback: ConnectCallback) => {
    const port = Number(options.port) || (options.protocol === "https:" ? 443 : 80);
    const hostname = options.hostname;
    if (isAllowedHostPort(opts.allowHosts, hostname, port)) return plain(options, callback);
    if (isIP(hostname) !== 0) {
      const verdict = classifyAddress(hostname);
      if (!verdict.allowed) {
        callback(blocked(hostname, hostname, verdict.reason ?? "forbidden"), null);
        return;
      }
    }
    return guarded(options, callback);
  };
}
