import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { seedSources, upsertSubscription, getDelivery } from "@radar/db";
import { startFixtureSite } from "@radar/fixture-site";
import { closeWorkers, type Runtime } from "@radar/runtime";
import { deliveryIdFor } from "@radar/svc-notify";
import { cliLogger, config, openCliRuntime } from "../context.js";
import { SEEDS_DIR } from "../seeds.js";
import { pipelineSummary, printSummary } from "../summary.js";
import { waitForIdle } from "../wait.js";
import { startServices } from "../workers.js";

/**
 * The seed articles through the real pipeline: a local copy of HTN's site serves them and their
 * feed, real BullMQ queues carry every stage, and a file digest is written under <data>/outbox.
 * It uses its own store (<data>/demo, fresh each run) and queue prefix, so it never touches a
 * real installation's data.
 */
export function registerDemo(program: Command): void {
  program
    .command("demo")
    .description("run the bundled seed articles through the whole pipeline and write a digest")
    .option("--timeout <seconds>", "give up after this long", "90")
    .action(async (opts: { timeout: string }) => {
      const started = Date.now();
      const base = config();
      const site = await startFixtureSite({ articlesDir: path.join(SEEDS_DIR, "articles") });
      const siteHost = new URL(site.url).host;
      const demoDir = path.join(base.dataDir, "demo");
      fs.rmSync(demoDir, { recursive: true, force: true });
      const cfg = {
        ...base,
        databaseUrl: null,
        dataDir: demoDir,
        queuePrefix: `${base.queuePrefix}-demo-${process.pid}`,
        allowHosts: [...base.allowHosts, siteHost],
      };
      const log = cliLogger(cfg, true);
      const cli = await openCliRuntime(cfg, log, { allowPrivateRedis: true, redisDir: base.dataDir });
      const { rt } = cli;
      const workers = startServices(rt);
      try {
        await seedSources(rt.db, [{ id: "htn-fixture", name: "HTN (local copy of the seed articles)", feedUrl: site.feedUrl, pollIntervalMinutes: 30 }]);
        await rt.producers.poll.add({ sourceId: "htn-fixture" }, { jobId: "demo-poll" });
        const timeoutMs = Number(opts.timeout) * 1000;
        const monitor = rt.workerConnection();
        await waitForIdle(monitor, rt.queuePrefix, timeoutMs);
        const outbox = path.join(base.dataDir, "outbox");
        await upsertSubscription(rt.db, { id: "demo", name: "demo (every region and theme)", channel: "file", target: outbox });
        const windowEnd = new Date();
        await rt.producers.compose.add({ subscriptionId: "demo", windowEnd: windowEnd.toISOString() });
        await waitForIdle(monitor, rt.queuePrefix, timeoutMs);
        const delivery = await getDelivery(rt.db, deliveryIdFor("demo", windowEnd));
        const summary = await pipelineSummary(rt.db);
        printSummary(summary, delivery?.providerMessageId ?? null, (Date.now() - started) / 1000);
        if (!delivery || delivery.status !== "sent") process.exitCode = 1;
      } finally {
        await closeWorkers(workers);
        await obliterateAll(rt);
        await cli.close();
        await site.close();
      }
    });
}

/** The demo's queues are its own; leave nothing behind in a shared Redis. */
async function obliterateAll(rt: Runtime) {
  for (const p of Object.values(rt.producers)) await p.queue.obliterate({ force: true }).catch(() => undefined);
}
