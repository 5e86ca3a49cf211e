import type { Command } from "commander";
import { createRedis, queueCounts } from "@radar/queue";
import { assertNoEviction, ensureRedis } from "@radar/queue";
import { config } from "../context.js";
import { table } from "../table.js";

export function registerQueues(program: Command): void {
  const queues = program.command("queues").description("inspect the queues");
  queues
    .command("status", { isDefault: true })
    .description("waiting / active / delayed / failed / completed jobs per queue")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const cfg = config();
      const handle = await ensureRedis({ url: cfg.redisUrl, dataDir: cfg.dataDir, allowPrivate: false });
      await assertNoEviction(handle.url);
      const redis = createRedis(handle.url, "producer");
      try {
        const counts = await queueCounts(redis, cfg.queuePrefix);
        if (opts.json) process.stdout.write(`${JSON.stringify(counts, null, 2)}\n`);
        else process.stdout.write(table(["queue", "waiting", "active", "delayed", "failed", "completed"], counts.map((c) => [c.queue, c.waiting, c.active, c.delayed, c.failed, c.completed])));
      } finally {
        redis.disconnect();
      }
    });
}
