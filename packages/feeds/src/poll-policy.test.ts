import { describe, expect, it } from "vitest";
import { nextPollInterval, shouldPause } from "./poll-policy.js";

describe("nextPollInterval", () => {
  it("slows down for quiet sources, within bounds", () => {
    expect(nextPollInterval(30, 30, { ok: true, newArticles: 0, consecutiveFailures: 0 })).toBe(45);
    expect(nextPollInterval(30, 230, { ok: true, newArticles: 0, consecutiveFailures: 0 })).toBe(240);
  });
  it("speeds up for busy sources, not below half the base or 5 minutes", () => {
    expect(nextPollInterval(30, 30, { ok: true, newArticles: 5, consecutiveFailures: 0 })).toBe(15);
    expect(nextPollInterval(30, 15, { ok: true, newArticles: 5, consecutiveFailures: 0 })).toBe(15);
    expect(nextPollInterval(6, 6, { ok: true, newArticles: 9, consecutiveFailures: 0 })).toBe(5);
  });
  it("backs off exponentially on errors, capped at a day", () => {
    expect(nextPollInterval(30, 30, { ok: false, newArticles: 0, consecutiveFailures: 1 })).toBe(60);
    expect(nextPollInterval(30, 30, { ok: false, newArticles: 0, consecutiveFailures: 3 })).toBe(240);
    expect(nextPollInterval(30, 30, { ok: false, newArticles: 0, consecutiveFailures: 9 })).toBe(1440);
  });
  it("never polls sooner than Retry-After", () => {
    expect(nextPollInterval(30, 30, { ok: false, newArticles: 0, consecutiveFailures: 1, retryAfterMs: 2 * 3600_000 })).toBe(120);
  });
  it("pauses after repeated failures", () => {
    expect(shouldPause(7)).toBe(false);
    expect(shouldPause(8)).toBe(true);
  });
});
