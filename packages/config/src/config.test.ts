import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.js";

describe("loadConfig", () => {
  it("works with nothing set: the embedded default", () => {
    const c = loadConfig({}, "/srv/app");
    expect(c.redisUrl).toBe("redis://127.0.0.1:6379");
    expect(c.redisIsDefault).toBe(true);
    expect(c.databaseUrl).toBeNull();
    expect(c.dataDir).toBe("/srv/app/.radar");
    expect(c.queuePrefix).toBe("radar");
    expect(c.allowHosts).toEqual([]);
  });

  it("parses lists and numbers", () => {
    const c = loadConfig({ RADAR_ALLOW_HOSTS: " Fixture.local:8080, 127.0.0.1 ,", RADAR_CONCURRENCY: "8", DATABASE_URL: "postgres://u@h/db" });
    expect(c.allowHosts).toEqual(["fixture.local:8080", "127.0.0.1"]);
    expect(c.concurrency).toBe(8);
    expect(c.databaseUrl).toBe("postgres://u@h/db");
  });

  it("treats an empty DATABASE_URL as unset", () => {
    expect(loadConfig({ DATABASE_URL: "" }).databaseUrl).toBeNull();
  });

  it("reports every problem in one readable error", () => {
    try {
      loadConfig({ REDIS_URL: "localhost:6379", DATABASE_URL: "mysql://x", RADAR_QUEUE_PREFIX: "a:b" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const problems = (err as ConfigError).problems;
      expect(problems).toHaveLength(3);
      expect(problems.join("\n")).toMatch(/REDIS_URL must be a URL starting with redis:\/\//);
      expect(problems.join("\n")).toMatch(/DATABASE_URL must be a URL starting with postgres:\/\//);
      expect(problems.join("\n")).toMatch(/RADAR_QUEUE_PREFIX/);
    }
  });
});
