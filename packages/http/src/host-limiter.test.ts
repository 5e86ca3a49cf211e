import { describe, expect, it } from "vitest";
import { createHostLimiter } from "./host-limiter.js";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("createHostLimiter", () => {
  it("never runs more than the concurrency per host, and other hosts are independent", async () => {
    const limiter = createHostLimiter(2, 0);
    let running = 0;
    let peak = 0;
    const job = async (host: string) => {
      const release = await limiter.acquire(host);
      if (host === "a.example") {
        running++;
        peak = Math.max(peak, running);
      }
      await sleep(15);
      if (host === "a.example") running--;
      release();
    };
    await Promise.all([...Array.from({ length: 7 }, () => job("a.example")), job("b.example"), job("c.example")]);
    expect(peak).toBe(2);
    expect(limiter.active("a.example")).toBe(0);
  });

  it("spaces request starts to one host by the interval", async () => {
    const limiter = createHostLimiter(5, 40);
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 3 }, async () => {
        const release = await limiter.acquire("a.example");
        starts.push(Date.now());
        release();
      }),
    );
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(35);
  });

  it("lets an aborted waiter leave the queue", async () => {
    const limiter = createHostLimiter(1, 0);
    const first = await limiter.acquire("a.example");
    const controller = new AbortController();
    const waiting = limiter.acquire("a.example", controller.signal);
    controller.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    first();
    const again = await limiter.acquire("a.example");
    expect(limiter.active("a.example")).toBe(1);
    again();
  });
});
