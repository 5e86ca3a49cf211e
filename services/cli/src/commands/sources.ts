import type { Command } from "commander";
import { errorMessage } from "@radar/core";
import { Queue } from "bullmq";
import { getSource, listSources, seedSources, setSourceEnabled, type Db } from "@radar/db";
import { QUEUES, createRedis, ensureRedis } from "@radar/queue";
import { removeOn, scheduleOn } from "@radar/svc-ingest";
import { canonicalUrl, parseFeed } from "@radar/feeds";
import { createHttpClient } from "@radar/http";
import { config, withStore } from "../context.js";
import { loadSourceSeeds } from "../seeds.js";
import { table } from "../table.js";

/** The registry as seeded from seeds/sources.json, then what operators added or changed. */
function withSources<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  return withStore(async (db) => {
    await seedSources(db, loadSourceSeeds());
    return fn(db);
  });
}

/** Keeps the source's job scheduler in step at once when Redis is reachable; false when it is not. */
async function syncOneScheduler(sourceId: string, everyMinutes: number | null): Promise<boolean> {
  const cfg = config();
  let url: string;
  try {
    url = (await ensureRedis({ url: cfg.redisUrl, dataDir: cfg.dataDir, allowPrivate: false })).url;
  } catch {
    return false;
  }
  const connection = createRedis(url, "producer");
  const queue = new Queue(QUEUES.poll.name, { connection, prefix: cfg.queuePrefix });
  try {
    if (everyMinutes === null) await removeOn(queue, sourceId);
    else await scheduleOn(queue, sourceId, everyMinutes, { startNow: true });
    return true;
  } finally {
    await queue.close();
    connection.disconnect();
  }
}

const ago = (d: Date | null) => (d ? d.toISOString().replace(/\.\d+Z$/, "Z") : "-");

export function registerSources(program: Command): void {
  const cmd = program.command("sources").description("the feed registry and each source's health");
  cmd
    .command("list", { isDefault: true })
    .description("sources with last success, last new article, failures, last error and share of 304s")
    .option("--json", "print JSON")
    .action(async (opts: { json?: boolean }) => {
      const rows = await withSources((db) => listSources(db));
      if (opts.json) return void process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      process.stdout.write(
        table(
          ["id", "enabled", "every", "last success", "last new article", "failures", "304s", "last error / paused"],
          rows.map((s) => [
            s.id,
            s.enabled ? "yes" : "no",
            `${s.currentIntervalMinutes ?? s.pollIntervalMinutes}m`,
            ago(s.lastSuccessAt),
            ago(s.lastNewArticleAt),
            s.consecutiveFailures,
            s.pollsTotal ? `${Math.round((100 * s.pollsNotModified) / s.pollsTotal)}%` : "-",
            (s.pausedReason ?? s.lastError ?? "").slice(0, 80),
          ]),
        ),
      );
    });
  cmd
    .command("add")
    .description("add a feed (RSS 2.0, Atom or RDF)")
    .argument("<url>", "feed URL")
    .option("--id <id>", "source id (default: from the host name)")
    .option("--name <name>", "display name")
    .option("--every <minutes>", "poll interval in minutes", "30")
    .action(async (url: string, opts: { id?: string; name?: string; every: string }) => {
      const feedUrl = canonicalUrl(url);
      const host = new URL(feedUrl).hostname.replace(/^www\./, "");
      const id = opts.id ?? host.replace(/[^a-z0-9]+/g, "-");
      const added = await withSources((db) => seedSources(db, [{ id, name: opts.name ?? host, feedUrl, pollIntervalMinutes: Number(opts.every) }]));
      process.stdout.write(added ? `added source ${id} (${feedUrl}); radar start schedules it\n` : `source ${id} or ${feedUrl} already exists\n`);
    });
  for (const [verb, enabled] of [["enable", true], ["disable", false]] as const) {
    cmd
      .command(verb)
      .description(`${verb} a source${enabled ? " (also clears a pause after failures)" : ""}`)
      .argument("<id>", "source id")
      .action(async (id: string) => {
        const source = await withSources(async (db) => ((await setSourceEnabled(db, id, enabled)) ? getSource(db, id) : null));
        if (!source) throw new Error(`no source ${id} (see radar sources list)`);
        const live = await syncOneScheduler(source.id, enabled ? source.pollIntervalMinutes : null);
        process.stdout.write(
          `source ${id} ${enabled ? "enabled" : "disabled"}${live ? "; its poll schedule is updated" : "; Redis is not running, so the schedule follows at the next radar start"}\n`,
        );
      });
  }
  cmd
    .command("test")
    .description("fetch and parse a feed once and print what was found and any problem")
    .argument("<url>", "feed URL")
    .action(async (url: string) => {
      const cfg = config();
      const http = createHttpClient({ userAgent: cfg.userAgent, allowHosts: cfg.allowHosts, perHostIntervalMs: 0 });
      try {
        const res = await http.get(url, { kind: "feed" });
        const feed = await parseFeed(res.text, { baseUrl: res.finalUrl });
        process.stdout.write(`${feed.kind} feed "${feed.title ?? ""}" at ${res.finalUrl}: ${feed.entries.length} entries\n`);
        for (const e of feed.entries.slice(0, 20)) process.stdout.write(`  ${e.publishedAt ?? "(no date)"}  ${e.title ?? "(no title)"}\n    ${e.url}\n`);
        for (const p of feed.problems) process.stdout.write(`  problem: ${p}\n`);
      } catch (err) {
        process.stderr.write(`radar sources test: ${errorMessage(err)}\n`);
        process.exitCode = 1;
      } finally {
        await http.close();
      }
    });
}
