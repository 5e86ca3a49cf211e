/** HTTP semantics against a real local server: charsets, conditional GET, statuses, politeness. */
import { RadarError } from "@radar/core";
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpError, HttpErrorCode } from "./errors.js";
import { createHttpClient, type HttpClient, type HttpClientOptions } from "./http-client.js";
import { sleep, startServer, type LocalServer } from "./test-server.js";

async function failure(p: Promise<unknown>): Promise<RadarError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof RadarError) return err;
    throw err;
  }
  throw new Error("expected the request to fail");
}

let server: LocalServer;
const routes = new Map<string, (res: ServerResponse, req: IncomingMessage) => void | Promise<void>>();
const clients: HttpClient[] = [];
function clientFor(opts: HttpClientOptions = {}) {
  const c = createHttpClient({ allowHosts: [server.hostPort], perHostIntervalMs: 0, totalTimeoutMs: 5000, idleTimeoutMs: 3000, ...opts });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  server = await startServer((req, res) => {
    const route = routes.get(new URL(req.url ?? "/", "http://x").pathname);
    return route ? route(res, req) : void res.writeHead(404).end();
  });
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await server.close();
});

describe("charsets", () => {
  it("decodes a windows-1252 page named in the Content-Type header", async () => {
    routes.set("/cp1252", (res) => {
      res.writeHead(200, { "content-type": "text/html; charset=windows-1252" });
      res.end(Buffer.concat([Buffer.from("<p>"), Buffer.from([0x93, 0x41, 0x94, 0x20, 0x92, 0x20, 0xa3, 0x31, 0x30]), Buffer.from("</p>")]));
    });
    const res = await clientFor().get(`${server.origin}/cp1252`, { kind: "page" });
    expect(res.text).toBe("<p>\u201cA\u201d \u2019 \u00a310</p>");
    expect(res.charset).toBe("windows-1252");
  });

  it("decodes an ISO-8859-1 page declared only by <meta http-equiv>", async () => {
    routes.set("/latin1", (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const head = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>';
      res.end(Buffer.concat([Buffer.from(head), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xa3, 0x35, 0x20, 0x96, 0x20, 0x93, 0x4e, 0x48, 0x53, 0x94])]));
    });
    const res = await clientFor().get(`${server.origin}/latin1`, { kind: "page" });
    expect(res.text.endsWith("<body>Café £5 – “NHS”")).toBe(true);
    expect(res.charset).toBe("windows-1252");
  });

  it("reads the encoding of a feed from its XML declaration", async () => {
    routes.set("/feed-latin1", (res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.end(Buffer.concat([Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>'), Buffer.from([0xa3, 0x33, 0x6d]), Buffer.from("</title></rss>")]));
    });
    const res = await clientFor().get(`${server.origin}/feed-latin1`, { kind: "feed" });
    expect(res.text).toContain("<title>£3m</title>");
  });
});

describe("conditional GET and statuses", () => {
  it("sends etag / last-modified and returns notModified on 304", async () => {
    const etag = '"v42"';
    const lastModified = "Tue, 03 Mar 2026 10:00:00 GMT";
    routes.set("/cond", (res, req) => {
      if (req.headers["if-none-match"] === etag && req.headers["if-modified-since"] === lastModified) {
        res.writeHead(304, { etag }).end();
      } else {
        res.writeHead(200, { "content-type": "application/rss+xml", etag, "last-modified": lastModified }).end("<rss/>");
      }
    });
    const c = clientFor();
    const fresh = await c.get(`${server.origin}/cond`, { kind: "feed" });
    expect(fresh).toMatchObject({ status: 200, notModified: false, etag, lastModified, text: "<rss/>" });
    const again = await c.get(`${server.origin}/cond`, { kind: "feed", etag: fresh.etag, lastModified: fresh.lastModified });
    expect(again).toMatchObject({ status: 304, notModified: true, etag, text: "" });
  });

  it("reports Retry-After on 429 (seconds) and 503 (HTTP date) as transient", async () => {
    routes.set("/busy", (res) => void res.writeHead(429, { "retry-after": "120" }).end("slow down"));
    const later = new Date(Date.now() + 60_000).toUTCString();
    routes.set("/down", (res) => void res.writeHead(503, { "retry-after": later }).end());
    const c = clientFor();
    const busy = await failure(c.get(`${server.origin}/busy`, { kind: "page" }));
    expect(busy).toBeInstanceOf(HttpError);
    expect(busy).toMatchObject({ code: HttpErrorCode.rateLimited, retryable: true, status: 429, retryAfterMs: 120_000 });
    expect(busy.message).toBe(`${server.hostPort}/busy answered HTTP 429 (rate limited, will retry later).`);
    const down = (await failure(c.get(`${server.origin}/down`, { kind: "page" }))) as HttpError;
    expect(down).toMatchObject({ code: HttpErrorCode.serverError, retryable: true, status: 503 });
    expect(down.retryAfterMs).toBeGreaterThan(55_000);
    expect(down.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it.each([
    [404, HttpErrorCode.notFound, false],
    [410, HttpErrorCode.gone, false],
    [403, HttpErrorCode.clientError, false],
    [408, HttpErrorCode.requestTimeout, true],
    [500, HttpErrorCode.serverError, true],
    [502, HttpErrorCode.serverError, true],
  ])("maps HTTP %i to %s (retryable=%s)", async (status, code, retryable) => {
    routes.set(`/status-${status}`, (res) => void res.writeHead(status).end("nope"));
    const err = await failure(clientFor().get(`${server.origin}/status-${status}`, { kind: "page" }));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(retryable);
  });
});

describe("content types", () => {
  it("refuses HTML where a feed was expected, unless the caller tolerates it", async () => {
    routes.set("/html", (res) => void res.writeHead(200, { "content-type": "text/html" }).end("<p>x</p>"));
    const c = clientFor();
    const err = await failure(c.get(`${server.origin}/html`, { kind: "feed" }));
    expect(err.code).toBe(HttpErrorCode.badContentType);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`${server.hostPort}/html returned text/html where a feed was expected.`);
    const ok = await c.get(`${server.origin}/html`, { kind: "feed", tolerateHtml: true });
    expect(ok.contentType).toBe("text/html");
  });

  it("refuses a PDF where a page was expected", async () => {
    routes.set("/pdf", (res) => void res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.4"));
    const err = await failure(clientFor().get(`${server.origin}/pdf`, { kind: "page" }));
    expect(err.code).toBe(HttpErrorCode.badContentType);
  });
});

describe("politeness", () => {
  it("keeps at most 2 requests in flight per host", async () => {
    let running = 0;
    let peak = 0;
    routes.set("/slow", async (res) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(80);
      running--;
      res.writeHead(200, { "content-type": "text/html" }).end("ok");
    });
    const c = clientFor();
    const results = await Promise.all(Array.from({ length: 6 }, () => c.get(`${server.origin}/slow`, { kind: "page" })));
    expect(results.map((r) => r.text)).toEqual(Array(6).fill("ok"));
    expect(peak).toBe(2);
  });

  it("spaces requests to one host by the minimum interval", async () => {
    const arrivals: number[] = [];
    routes.set("/tick", (res) => {
      arrivals.push(Date.now());
      res.writeHead(200, { "content-type": "text/html" }).end("ok");
    });
    const c = clientFor({ perHostIntervalMs: 150 });
    await Promise.all(Array.from({ length: 3 }, () => c.get(`${server.origin}/tick`, { kind: "page" })));
    const gaps = arrivals.slice(1).map((t, i) => t - (arrivals[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(130);
  });
});
