import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { radar } from "./cli.js";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-demo-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("radar demo", () => {
  it("puts the seed articles through the pipeline and writes a digest listing each initiative once", async () => {
    const res = await radar(["demo"], { RADAR_DATA_DIR: dataDir, LOG_LEVEL: undefined }, undefined, 150_000);
    expect(res.stderr).not.toMatch(/Error|at .*\.ts:\d+/);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/articles:\s+5 \(5 analyzed, 0 failed\)/);
    const digestPath = /digest:\s+(\S+\.md)/.exec(res.stdout)?.[1];
    expect(digestPath).toBeDefined();
    expect(digestPath!.startsWith(path.join(dataDir, "outbox"))).toBe(true);
    const md = fs.readFileSync(digestPath!, "utf8");
    const html = fs.readFileSync(digestPath!.replace(/\.md$/, ".html"), "utf8");
    // The West London NHS Trust strategy is reported in 000 and again in 004: one initiative.
    const wlt = md.split("\n").filter((l) => l.startsWith("## ") && /West London NHS Trust/.test(l));
    expect(wlt).toHaveLength(1);
    expect(md).toContain("£29,000,000");
    // Sponsored vendor content never reaches a digest.
    expect(md).not.toMatch(/^## .*Rackspace/m);
    expect(html).toContain("<h1>radar digest");
    const counts = /initiatives: (\d+) — (\d+) new, (\d+) updated, (\d+) duplicate/.exec(res.stdout);
    expect(Number(counts![3]) + Number(counts![4])).toBeGreaterThan(0);
  }, 160_000);
});

describe("bad configuration", () => {
  it("a malformed REDIS_URL ends with one clear sentence", async () => {
    const res = await radar(["queues", "status"], { REDIS_URL: "localhost:6379" });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe("radar: REDIS_URL must be a URL starting with redis:// or rediss://");
  });

  it("a malformed DATABASE_URL ends with one clear sentence", async () => {
    const res = await radar(["migrate"], { DATABASE_URL: "mysql://root@localhost/radar" });
    expect(res.code).toBe(2);
    expect(res.stderr.trim()).toBe("radar: DATABASE_URL must be a URL starting with postgres:// or postgresql://");
  });

  it("an unreachable PostgreSQL ends with one clear sentence", async () => {
    const res = await radar(["migrate"], { DATABASE_URL: "postgres://radar@127.0.0.1:1/radar" });
    expect(res.code).toBe(1);
    expect(res.stderr.trim().split("\n")).toHaveLength(1);
    expect(res.stderr).toMatch(/^radar: cannot connect to PostgreSQL at postgres:\/\/radar@127\.0\.0\.1:1\/radar: connection refused/);
  });
});
