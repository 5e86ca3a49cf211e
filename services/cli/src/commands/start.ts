import type { Command } from "commander";
import { closeWorkers, installShutdown } from "@radar/runtime";
import { seedSources } from "@radar/db";
import { syncSchedulers } from "@radar/svc-ingest";
import { cliLogger, config, openCliRuntime } from "../context.js";
import { loadSourceSeeds } from "../seeds.js";
import { SERVICE_NAMES, startServices, type ServiceName } from "../workers.js";

export function registerStart(program: Command): void {
  program
    .command("start")
    .description("run every worker and the feed schedulers in one process (the embedded default)")
    .option("--only <services>", `comma-separated subset of: ${SERVICE_NAMES.join(", ")}`)
    .action(async (opts: { only?: string }) => {
      const cfg = config();
      const log = cliLogger(cfg, false);
      const names = parseServices(opts.only);
      const cli = await openCliRuntime(cfg, log, { allowPrivateRedis: true });
      const { rt } = cli;
      const seeded = await seedSources(rt.db, loadSourceSeeds());
      const workers = startServices(rt, names);
      if (names.includes("ingest")) {
        const { scheduled, removed } = await syncSchedulers(rt);
        log.info({ scheduled: scheduled.length, removed: removed.length, seeded }, "feed schedulers in step with the registry");
      }
      log.info({ services: names, store: rt.store.where, redis: cli.redis.url, prefix: rt.queuePrefix }, "radar started");
      installShutdown(async () => {
        await closeWorkers(workers);
        await cli.close();
      }, log);
      await new Promise(() => undefined); // run until a signal
    });
}

function parseServices(only?: string): ServiceName[] {
  if (!only) return SERVICE_NAMES;
  const names = only.split(",").map((s) => s.trim()) as ServiceName[];
  const unknown = names.filter((n) => !SERVICE_NAMES.includes(n));
  if (unknown.length) throw new Error(`unknown service(s): ${unknown.join(", ")}; choose from ${SERVICE_NAMES.join(", ")}`);
  return names;
}
