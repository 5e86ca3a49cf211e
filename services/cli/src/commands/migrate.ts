import type { Command } from "commander";
import { openStore } from "@radar/db";
import { config } from "../context.js";

export function registerMigrate(program: Command): void {
  program
    .command("migrate")
    .description("apply pending database migrations (also done at every start)")
    .action(async () => {
      const cfg = config();
      const store = await openStore({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
      await store.close();
      process.stdout.write(`migrations applied to ${store.kind} at ${store.where}\n`);
    });
}
