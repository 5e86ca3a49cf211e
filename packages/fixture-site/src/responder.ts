import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createGzip } from "node:zlib";
import { declareCharset, encodeSingleByte, type FixtureSwitches } from "./switches.js";

export interface Resource {
  body: string;
  /** Without charset: text/html, application/rss+xml … */
  contentType: string;
  lastModified: Date;
  status?: number;
}

const bombs = new Map<number, Promise<Buffer>>();

/** gzip of `size` zero bytes, built once per size (1 GiB of zeros compresses to about 1 MiB). */
function gzipBomb(size: number): Promise<Buffer> {
  let bomb = bombs.get(size);
  if (bomb) return bomb;
  bomb = new Promise<Buffer>((resolve, reject) => {
    const gzip = createGzip({ level: 9 });
    const parts: Buffer[] = [];
    gzip.on("data", (b: Buffer) => parts.push(b)).on("end", () => resolve(Buffer.concat(parts))).on("error", reject);
    const zeros = Buffer.alloc(1024 * 1024);
    let left = size;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, zeros.length);
        left -= n;
        if (!gzip.write(n === zeros.length ? zeros : zeros.subarray(0, n))) return void gzip.once("drain", pump);
      }
      gzip.end();
    };
    pump();
  });
  bombs.set(size, bomb);
  return bomb;
}

/** Writes `total` bytes taken from `source` (repeated), `rate` bytes per second or as fast as the socket allows. */
function stream(res: ServerResponse, source: Buffer, total: number, rate: number | null): void {
  let sent = 0;
  // Exact bytes when sending the document itself; the document repeated when padding to `total`.
  const pattern = total <= source.length ? source : Buffer.alloc(Math.max(64 * 1024, source.length), source.length ? source : " ");
  const chunkAt = (size: number) => {
    const n = Math.min(size, total - sent);
    const start = sent % pattern.length;
    let out = pattern.subarray(start, start + n);
    if (out.length < n) out = Buffer.concat([out, pattern.subarray(0, n - out.length)]);
    sent += n;
    return out;
  };
  if (rate !== null) {
    const perTick = Math.max(1, Math.round(rate / 10));
    const timer = setInterval(() => {
      if (res.destroyed || sent >= total) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(chunkAt(perTick));
    }, 100);
    res.on("close", () => clearInterval(timer));
    return;
  }
  const pump = (): void => {
    while (sent < total && !res.destroyed) if (!res.write(chunkAt(64 * 1024))) return void res.once("drain", pump);
    if (!res.destroyed) res.end();
  };
  pump();
}

function notModified(req: IncomingMessage, etag: string, lastModified: Date): boolean {
  const inm = req.headers["if-none-match"];
  if (inm !== undefined) {
    // RFC 9110: If-None-Match wins over If-Modified-Since; weak comparison.
    return inm.split(",").map((t) => t.trim().replace(/^W\//, "")).some((t) => t === "*" || t === etag);
  }
  const ims = req.headers["if-modified-since"];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) <= Math.floor(since / 1000);
}

function encodeBody(resource: Resource, s: FixtureSwitches): { bytes: Buffer; contentType: string } {
  if (s.charset === null) return { bytes: Buffer.from(resource.body, "utf8"), contentType: `${resource.contentType}; charset=UTF-8` };
  const text = declareCharset(resource.body, s.charset);
  return { bytes: encodeSingleByte(text, s.charset), contentType: `${resource.contentType}; charset=${s.charset}` };
}

/** Sends a resource through the hostile-behaviour switches (redirects and errors are handled before). */
export async function sendResource(req: IncomingMessage, res: ServerResponse, resource: Resource, s: FixtureSwitches): Promise<void> {
  const head = req.method === "HEAD";
  if (s.gzipBombBytes !== null) {
    const bomb = await gzipBomb(s.gzipBombBytes);
    res.writeHead(200, { "Content-Type": `${resource.contentType}; charset=UTF-8`, "Content-Encoding": "gzip", "Content-Length": bomb.length });
    return void res.end(head ? undefined : bomb);
  }
  const { bytes, contentType } = encodeBody(resource, s);
  if (s.hugeBodyBytes !== null) {
    res.writeHead(200, { "Content-Type": contentType });
    return head ? void res.end() : stream(res, bytes, s.hugeBodyBytes, s.slowBytesPerSecond);
  }
  const headers: Record<string, string | number> = { "Content-Type": contentType, "Content-Length": bytes.length };
  if (s.etag) {
    const etag = `"${createHash("sha1").update(bytes).digest("hex").slice(0, 20)}"`;
    headers.ETag = etag;
    headers["Last-Modified"] = resource.lastModified.toUTCString();
    if (notModified(req, etag, resource.lastModified)) {
      res.writeHead(304, { ETag: etag, "Last-Modified": headers["Last-Modified"] });
      return void res.end();
    }
  }
  res.writeHead(resource.status ?? 200, headers);
  if (head) return void res.end();
  if (s.slowBytesPerSecond !== null) return stream(res, bytes, bytes.length, s.slowBytesPerSecond);
  res.end(bytes);
}
