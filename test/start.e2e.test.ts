import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFixtureSite, type FixtureSite } from "@radar/fixture-site";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import { TEST_REDIS_URL, createTestDatabase, createTestPrefix, waitFor, type TestDatabase } from "@radar/test-support";
import { REPO, radar } from "./cli.js";

let db: TestDatabase;
let site: FixtureSite;
const prefix = createTestPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-start-"));
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDatabase();
  site = await startFixtureSite();
  env = { DATABASE_URL: db.url, RADAR_QUEUE_PREFIX: prefix.prefix, RADAR_DATA_DIR: dataDir, RADAR_ALLOW_HOSTS: new URL(site.url).host };
});
afterAll(async () => {
  await site.close();
  await prefix.cleanup();
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("radar start", () => {
  it("tests a feed, then polls the registry, runs every stage, and shuts down cleanly on SIGTERM", async () => {
    const tested = await radar(["sources", "test", site.feedUrl], env);
    expect(tested.code).toBe(0);
    expect(tested.stdout).toMatch(/rss feed .*: 5 entries/);

    const added = await radar(["sources", "add", site.feedUrl, "--id", "fixture", "--name", "local HTN copy"], env);
    expect(added.stdout).toMatch(/added source fixture/);
    // The real outlets in seeds/sources.json cannot be reached from here: only the fixture runs.
    for (const id of ["htn", "digital-health-news", "national-health-executive", "ukauthority"]) await radar(["sources", "disable", id], env);

    const child = spawn(process.execPath, [path.join(REPO, "services/cli/bin/radar.js"), "start"], { cwd: REPO, env: { ...process.env, ...env, LOG_LEVEL: "info" } });
    let logs = "";
    child.stdout.on("data", (d) => (logs += d));
    child.stderr.on("data", (d) => (logs += d));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    const initiatives = await waitFor(async () => {
      const res = await radar(["initiatives", "list", "--json"], env);
      const list = res.code === 0 ? (JSON.parse(res.stdout) as unknown[]) : [];
      return list.length >= 30 ? list : null;
    }, 90_000, 1_000);
    expect(initiatives.length).toBeGreaterThanOrEqual(30);

    const sources = await radar(["sources", "list"], env);
    expect(sources.stdout).toMatch(/fixture\s+yes\s+\d+m\s+20\d\d-/);

    // Disabling and enabling a source changes its poll schedule at once, without a restart.
    const schedulers = async () => {
      const connection = new Redis(TEST_REDIS_URL);
      const queue = new Queue("poll", { connection, prefix: prefix.prefix });
      try {
        return (await queue.getJobSchedulers(0, -1)).map((s) => s.key ?? s.id);
      } finally {
        await queue.close();
        connection.disconnect();
      }
    };
    expect(await schedulers()).toContain("poll-fixture");
    expect((await radar(["sources", "disable", "fixture"], env)).stdout).toMatch(/poll schedule is updated/);
    expect(await schedulers()).not.toContain("poll-fixture");
    await radar(["sources", "enable", "fixture"], env);
    expect(await schedulers()).toContain("poll-fixture");

    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(logs).toMatch(/radar started/);
    expect(logs).toMatch(/shutting down/);
    expect(logs).not.toMatch(/"level":50/); // no error-level lines
  }, 150_000);
});
