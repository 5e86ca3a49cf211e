/** Size caps, decompression bombs, timeouts and charsets against real local servers. */
import { RadarError } from "@radar/core";
import { randomBytes } from "node:crypto";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpErrorCode } from "./errors.js";
import { createHttpClient, type HttpClientOptions } from "./http-client.js";
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

/** Compresses `mib` MiB of zeros as a stream, so making the bomb does not itself use the memory. */
async function zeroBomb(mib: number, compressor: zlib.Gzip | zlib.BrotliCompress): Promise<Buffer> {
  const out: Buffer[] = [];
  compressor.on("data", (c: Buffer) => out.push(c));
  const zero = Buffer.alloc(1 << 20);
  for (let i = 0; i < mib; i++) {
    if (!compressor.write(zero)) await new Promise((r) => compressor.once("drain", r));
  }
  compressor.end();
  await new Promise((r) => compressor.once("end", r));
  return Buffer.concat(out);
}

function drainOrClose(res: import("node:http").ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done).off("close", done);
      resolve();
    };
    res.once("drain", done).once("close", done);
  });
}

const BOMB_MIB = 256;
let gzipBomb: Buffer;
let brotliBomb: Buffer;
let server: LocalServer;
const routes = new Map<string, (res: import("node:http").ServerResponse, req: import("node:http").IncomingMessage) => void>();

function clientFor(opts: HttpClientOptions = {}) {
  return createHttpClient({ allowHosts: [server.hostPort], perHostIntervalMs: 0, totalTimeoutMs: 5000, idleTimeoutMs: 3000, ...opts });
}

beforeAll(async () => {
  gzipBomb = await zeroBomb(BOMB_MIB, zlib.createGzip({ level: 9 }));
  brotliBomb = await zeroBomb(BOMB_MIB, zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }));
  server = await startServer((req, res) => {
    const route = routes.get(new URL(req.url ?? "/", "http://x").pathname);
    if (route) route(res, req);
    else res.writeHead(404).end();
  });
});

afterAll(async () => {
  await server.close();
});

describe("decompression bombs", () => {
  it.each([
    ["gzip", () => gzipBomb],
    ["br", () => brotliBomb],
  ])("stops a %s bomb after the cap with bounded memory", async (encoding, bomb) => {
    routes.set(`/bomb-${encoding}`, (res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": encoding }).end(bomb());
    });
    const client = clientFor();
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const err = await failure(client.get(`${server.origin}/bomb-${encoding}`, { kind: "page", maxBytes: 1024 * 1024 }));
    const growthMiB = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    await client.close();
    if (process.env.RADAR_HTTP_MEASURE) console.info(`${encoding} bomb ${bomb().length} B compressed, rss growth ${growthMiB.toFixed(1)} MiB`);
    expect(err.code).toBe(HttpErrorCode.tooLarge);
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(`The response from ${server.hostPort}/bomb-${encoding} is larger than the 1.0 MiB limit.`);
    expect(bomb().length).toBeLessThan(BOMB_MIB * 1024 * 10); // it really is a bomb (>100x)
    expect(growthMiB).toBeLessThan(48); // vs 256 MiB if the bomb were inflated
  });

  it("decodes an honest gzip page", async () => {
    routes.set("/gz", (res) => {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "content-encoding": "gzip" });
      res.end(zlib.gzipSync(Buffer.from("<p>NHS “digital”</p>".repeat(1000))));
    });
    const client = clientFor();
    const res = await client.get(`${server.origin}/gz`, { kind: "page" });
    await client.close();
    expect(res.text).toBe("<p>NHS “digital”</p>".repeat(1000));
    expect(res.bytes.length).toBe(Buffer.byteLength(res.text));
  });
});

describe("content encodings", () => {
  it("decodes deflate and refuses an unknown coding", async () => {
    routes.set("/deflate", (res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "deflate" }).end(zlib.deflateSync(Buffer.from("<p>ok</p>")));
    });
    routes.set("/zstd", (res) => void res.writeHead(200, { "content-type": "text/html", "content-encoding": "zstd" }).end("xx"));
    const client = clientFor();
    expect((await client.get(`${server.origin}/deflate`, { kind: "page" })).text).toBe("<p>ok</p>");
    const err = await failure(client.get(`${server.origin}/zstd`, { kind: "page" }));
    await client.close();
    expect(err.code).toBe(HttpErrorCode.badEncoding);
    expect(err.retryable).toBe(false);
  });

  it("caps the compressed bytes too (incompressible gzip body, no Content-Length)", async () => {
    routes.set("/noise", (res) => {
      res.writeHead(200, { "content-type": "text/html", "content-encoding": "gzip" });
      const gz = zlib.createGzip({ level: 1 });
      gz.pipe(res);
      gz.end(randomBytes(3 * 1024 * 1024));
    });
    const client = clientFor();
    const err = await failure(client.get(`${server.origin}/noise`, { kind: "page", maxBytes: 512 * 1024 }));
    await client.close();
    expect(err.code).toBe(HttpErrorCode.tooLarge);
  });
});

describe("size caps", () => {
  it("refuses a Content-Length over the cap before reading the body", async () => {
    routes.set("/declared-huge", (res) => {
      res.writeHead(200, { "content-type": "application/rss+xml", "content-length": String(200 * 1024 * 1024) });
      res.write("<rss>"); // then stall: the client must not wait for the rest
    });
    const client = clientFor();
    const started = Date.now();
    const err = await failure(client.get(`${server.origin}/declared-huge`, { kind: "feed" }));
    await client.close();
    expect(err.code).toBe(HttpErrorCode.tooLarge);
    expect(err.message).toContain("15.0 MiB");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("stops a chunked body that grows past the cap", async () => {
    let sent = 0;
    routes.set("/endless", async (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      while (!res.destroyed && sent < 50 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) await drainOrClose(res);
      }
      res.end();
    });
    const client = clientFor();
    const err = await failure(client.get(`${server.origin}/endless`, { kind: "page", maxBytes: 256 * 1024 }));
    await client.close();
    expect(err.code).toBe(HttpErrorCode.tooLarge);
    if (process.env.RADAR_HTTP_MEASURE) console.info(`endless body: server had written ${sent} B when the client stopped`);
    expect(sent).toBeLessThan(10 * 1024 * 1024);
  });
});

describe("timeouts", () => {
  it("fails a 1 byte/second server within the total timeout and closes the socket", async () => {
    routes.set("/drip", async (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      while (!res.destroyed) {
        res.write("a");
        await sleep(1000);
      }
    });
    const client = clientFor({ totalTimeoutMs: 1500, idleTimeoutMs: 1200 });
    const started = Date.now();
    const err = await failure(client.get(`${server.origin}/drip`, { kind: "page" }));
    const elapsed = Date.now() - started;
    if (process.env.RADAR_HTTP_MEASURE) console.info(`drip server failed after ${elapsed} ms`);
    expect(err.code).toBe(HttpErrorCode.timeout);
    expect(err.retryable).toBe(true);
    expect(err.message).toBe(`Gave up on ${server.hostPort}/drip after 1500 ms (total time limit).`);
    expect(elapsed).toBeGreaterThanOrEqual(1400);
    expect(elapsed).toBeLessThan(2500);
    await server.socketsClosed(); // the client destroyed its socket; the test would hang otherwise
    await client.close();
  });

  it("fails a server that goes silent with the idle timeout", async () => {
    routes.set("/silent", (res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("<p>");
    });
    const client = clientFor({ idleTimeoutMs: 300 });
    const err = await failure(client.get(`${server.origin}/silent`, { kind: "page" }));
    await client.close();
    expect(err.code).toBe(HttpErrorCode.idleTimeout);
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("300 ms");
  });
});
