import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Command } from "commander";
import { errorMessage, sha256Hex } from "@radar/core";
import { articleProgress, ensureArticle, isSettled, storeFetchedPage } from "@radar/db";
import { canonicalUrl } from "@radar/feeds";
import { jobId } from "@radar/queue";
import { closeWorkers, type Runtime } from "@radar/runtime";
import { cliLogger, config, openCliRuntime } from "../context.js";
import { pipelineSummary, printSummary } from "../summary.js";
import { startServices } from "../workers.js";

const ARTICLE_FILES = /\.(html?|txt|md)$/i;

/** Files under a directory (sorted, recursive) or the file itself. */
export function expandInputs(inputs: string[]): string[] {
  return inputs.flatMap((input) => {
    if (/^https?:\/\//i.test(input)) return [input];
    const stat = fs.statSync(input, { throwIfNoEntry: false });
    if (!stat) throw new Error(`${input}: no such file or directory`);
    if (!stat.isDirectory()) return [input];
    return fs
      .readdirSync(input, { recursive: true, encoding: "utf8" })
      .filter((f) => ARTICLE_FILES.test(f))
      .sort()
      .map((f) => path.join(input, f));
  });
}

/** A local file is stored as if fetched (its file: URL is its identity) and goes straight to analyze. */
async function enqueueFile(rt: Runtime, file: string): Promise<string> {
  const url = pathToFileURL(path.resolve(file)).href;
  const text = fs.readFileSync(file, "utf8");
  const { id } = await ensureArticle(rt.db, { url, sourceId: null });
  const contentHash = sha256Hex(text);
  const contentType = /\.html?$/i.test(file) ? "text/html" : "text/plain";
  const { changed } = await storeFetchedPage(rt.db, id, { finalUrl: url, httpStatus: 200, contentType, html: text, contentHash });
  if (changed) await rt.producers.analyze.add({ articleId: id, contentHash, backfill: false }, { jobId: jobId("analyze", id, contentHash.slice(0, 16)) });
  return id;
}

async function enqueueUrl(rt: Runtime, raw: string): Promise<string> {
  const url = canonicalUrl(raw);
  const { id } = await ensureArticle(rt.db, { url, sourceId: null });
  await rt.producers.fetch.add({ url, sourceId: null, feedTitle: null, publishedAt: null, backfill: false }, { jobId: jobId("fetch", id) });
  return id;
}

export function registerIngest(program: Command): void {
  program
    .command("ingest")
    .description("put local files (HTML or text), directories or URLs through the whole pipeline; returns when they are resolved")
    .argument("<inputs...>", "files, directories or http(s) URLs")
    .option("--timeout <seconds>", "give up after this long", "300")
    .action(async (inputs: string[], opts: { timeout: string }) => {
      const started = Date.now();
      const cfg = config();
      const log = cliLogger(cfg, true);
      const files = expandInputs(inputs);
      const cli = await openCliRuntime(cfg, log, { allowPrivateRedis: true });
      const { rt } = cli;
      const workers = startServices(rt, ["ingest", "analyze", "resolve"]);
      try {
        const ids: string[] = [];
        for (const input of files) {
          try {
            ids.push(/^https?:\/\//i.test(input) ? await enqueueUrl(rt, input) : await enqueueFile(rt, input));
          } catch (err) {
            process.stderr.write(`radar ingest: ${input}: ${errorMessage(err)}\n`);
            process.exitCode = 1;
          }
        }
        const progress = await waitUntilSettled(rt, ids, Number(opts.timeout) * 1000);
        for (const p of progress.filter((x) => x.status === "failed")) {
          process.stderr.write(`radar ingest: article ${p.id} failed: ${p.error ?? "unknown error"}\n`);
          process.exitCode = 1;
        }
        printSummary(await pipelineSummary(rt.db), null, (Date.now() - started) / 1000);
      } finally {
        await closeWorkers(workers);
        await cli.close();
      }
    });
}

async function waitUntilSettled(rt: Runtime, ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const progress = await articleProgress(rt.db, ids);
    if (progress.length === ids.length && progress.every(isSettled)) return progress;
    if (Date.now() > deadline) throw new Error(`not every article was resolved within ${Math.round(timeoutMs / 1000)} s (see radar queues status)`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
