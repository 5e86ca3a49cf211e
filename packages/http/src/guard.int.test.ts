/** The address guard against real sockets: what is refused, and when. */
import { RadarError } from "@radar/core";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { HttpErrorCode } from "./errors.js";
import { createGuardedConnector } from "./guarded-connect.js";
import { createHttpClient, type HttpClient } from "./http-client.js";
import { fixedLookup, startServer, type LocalServer } from "./test-server.js";

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
let other: LocalServer; // a second local service that is NOT on the allow-list
const clients: HttpClient[] = [];
const client = (opts: Parameters<typeof createHttpClient>[0] = {}) => {
  const c = createHttpClient({ perHostIntervalMs: 0, totalTimeoutMs: 5000, idleTimeoutMs: 3000, ...opts });
  clients.push(c);
  return c;
};

beforeAll(async () => {
  other = await startServer((_req, res) => void res.end("internal secret"));
  server = await startServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const to = url.searchParams.get("to");
    if (url.pathname === "/redirect" && to) {
      res.writeHead(302, { location: to }).end();
    } else if (url.pathname.startsWith("/loop")) {
      res.writeHead(301, { location: url.pathname === "/loop/a" ? "/loop/b" : "/loop/a" }).end();
    } else if (url.pathname.startsWith("/hop/")) {
      const n = Number(url.pathname.slice(5));
      if (n > 0) res.writeHead(307, { location: `/hop/${n - 1}` }).end();
      else res.writeHead(200, { "content-type": "text/html" }).end("<p>arrived</p>");
    } else {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(`<p>hello ${req.headers["user-agent"]}</p>`);
    }
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await Promise.all([server.close(), other.close()]);
});

describe("without an allow-list", () => {
  it.each(["127.0.0.1", "localhost", "[::ffff:127.0.0.1]", "2130706433", "0x7f.1"])(
    "refuses http://%s and never reaches the server",
    async (host) => {
      const before = server.requests.length;
      const err = await failure(client().get(`http://${host}:${server.port}/`, { kind: "page" }));
      expect(err.code).toBe(HttpErrorCode.blockedAddress);
      expect(err.retryable).toBe(false);
      expect(server.requests.length).toBe(before);
    },
  );

  it("refuses, at connect time, a public-looking name that resolves to 127.0.0.1", async () => {
    const asked: string[] = [];
    const before = server.requests.length;
    const c = client({ lookup: fixedLookup(["127.0.0.1"], asked) });
    const err = await failure(c.get(`http://news.example.test:${server.port}/`, { kind: "page" }));
    expect(err.code).toBe(HttpErrorCode.blockedAddress);
    expect(err.message).toBe(
      "Refused to connect to news.example.test (127.0.0.1): it is a loopback address, not a public internet address.",
    );
    expect(asked).toEqual(["news.example.test"]); // the guard ran inside the connection's DNS step
    expect(server.requests.length).toBe(before);
  });

  it("refuses a name whose DNS answer mixes a public and a private address", async () => {
    const c = client({ lookup: fixedLookup(["93.184.215.14", "10.0.0.8"]) });
    const err = await failure(c.get(`http://mixed.example.test:${server.port}/`, { kind: "page" }));
    expect(err.code).toBe(HttpErrorCode.blockedAddress);
    expect(err.message).toContain("10.0.0.8");
  });

  it.each([
    ["file:///etc/passwd", HttpErrorCode.badScheme],
    ["gopher://127.0.0.1:70/_x", HttpErrorCode.badScheme],
    ["ftp://ftp.example.com/feed.xml", HttpErrorCode.badScheme],
    ["data:text/html,<p>x</p>", HttpErrorCode.badScheme],
    ["http://admin:hunter2@example.com/", HttpErrorCode.credentials],
  ])("refuses %s with %s", async (url, code) => {
    const err = await failure(client().get(url, { kind: "page" }));
    expect(err.code).toBe(code);
    expect(err.retryable).toBe(false);
    expect(err.message).not.toContain("hunter2");
  });
});

describe("with an allow-list", () => {
  it("fetches an allow-listed local server and sends the honest User-Agent", async () => {
    const res = await client({ allowHosts: [server.hostPort] }).get(`${server.origin}/`, { kind: "page" });
    expect(res.status).toBe(200);
    expect(res.text).toBe("<p>hello radar/0.1 (+https://github.com/radar; NHS digital news monitor)</p>");
    expect(res.redirects).toEqual([]);
  });

  it("lets an allow-listed name through even though it resolves to loopback", async () => {
    const c = client({ allowHosts: ["fixture.test"], lookup: fixedLookup(["127.0.0.1"]) });
    const res = await c.get(`http://fixture.test:${server.port}/`, { kind: "page" });
    expect(res.text).toContain("hello");
  });

  it("re-checks redirects: to another local port, to the metadata address, to a name resolving to loopback", async () => {
    const c = client({ allowHosts: [server.hostPort], lookup: fixedLookup(["127.0.0.1"]) });
    const targets = [
      `http://127.0.0.1:${other.port}/`,
      "http://169.254.169.254/latest/meta-data/iam/",
      `http://evil.example.test:${other.port}/`,
    ];
    for (const to of targets) {
      const err = await failure(c.get(`${server.origin}/redirect?to=${encodeURIComponent(to)}`, { kind: "page" }));
      expect(err.code).toBe(HttpErrorCode.blockedAddress);
      expect(err.retryable).toBe(false);
    }
    expect(other.requests.length).toBe(0);
  });

  it("follows relative redirects and reports the chain", async () => {
    const res = await client({ allowHosts: [server.hostPort] }).get(`${server.origin}/hop/3`, { kind: "page" });
    expect(res.finalUrl).toBe(`${server.origin}/hop/0`);
    expect(res.redirects).toEqual([`${server.origin}/hop/2`, `${server.origin}/hop/1`, `${server.origin}/hop/0`]);
    expect(res.text).toBe("<p>arrived</p>");
  });

  it("stops a redirect loop and a chain longer than 5", async () => {
    const c = client({ allowHosts: [server.hostPort] });
    const loop = await failure(c.get(`${server.origin}/loop/a`, { kind: "page" }));
    expect(loop.code).toBe(HttpErrorCode.redirectLoop);
    const long = await failure(c.get(`${server.origin}/hop/6`, { kind: "page" }));
    expect(long.code).toBe(HttpErrorCode.tooManyRedirects);
    expect(long.retryable).toBe(false);
    const five = await c.get(`${server.origin}/hop/5`, { kind: "page" });
    expect(five.redirects).toHaveLength(5);
  });
});

describe("the connector on its own (defence in depth below the URL checks)", () => {
  it("refuses an IP literal and a loopback DNS answer, allows an allow-listed host:port", async () => {
    const make = (allowHosts: string[]) =>
      new Agent({ connect: createGuardedConnector({ allowHosts, lookup: fixedLookup(["127.0.0.1"]), connectTimeoutMs: 2000 }) });
    const guarded = make([]);
    const literal = await failure(guarded.request({ origin: server.origin, path: "/", method: "GET" }));
    expect(literal.code).toBe(HttpErrorCode.blockedAddress);
    const named = await failure(guarded.request({ origin: `http://anything.test:${server.port}`, path: "/", method: "GET" }));
    expect(named.code).toBe(HttpErrorCode.blockedAddress);
    await guarded.close();
    const allowed = make([server.hostPort]);
    const res = await allowed.request({ origin: server.origin, path: "/", method: "GET" });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    await allowed.close();
  });
});

describe("cancellation", () => {
  it("ends with http_aborted when the caller's signal fires", async () => {
    const controller = new AbortController();
    controller.abort();
    const err = await failure(client({ allowHosts: [server.hostPort] }).get(`${server.origin}/`, { kind: "page", signal: controller.signal }));
    expect(err.code).toBe(HttpErrorCode.aborted);
    expect(err.retryable).toBe(true);
  });
});
