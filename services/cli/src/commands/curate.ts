import type { Command } from "commander";
import { STATUSES, sha256Hex, timeOrderedId, type AnalyzedItem, type Status } from "@radar/core";
import { detectStatus, parseMoney } from "@radar/classify";
import { ensureArticle, listInitiatives, markArticleAnalyzed, mergeInitiatives, replaceItems, splitMention, storeFetchedPage, articleProgress, isSettled } from "@radar/db";
import { jobId } from "@radar/queue";
import { closeWorkers, type Runtime } from "@radar/runtime";
import { defaultAnalyzer } from "@radar/svc-analyze";
import { rebuildFromStories } from "@radar/svc-resolve";
import { cliLogger, config, openCliRuntime } from "../context.js";
import { readImportFile, type ImportRow } from "../import-file.js";
import { startServices } from "../workers.js";

/** Runs fn with the runtime and the resolve workers (imports resolve through the real pipeline). */
async function withPipeline<T>(fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const cfg = config();
  const cli = await openCliRuntime(cfg, cliLogger(cfg, true), { allowPrivateRedis: true });
  const workers = startServices(cli.rt, ["resolve"]);
  try {
    return await fn(cli.rt);
  } finally {
    await closeWorkers(workers);
    await cli.close();
  }
}

function statusOf(raw: string | null): Status | null {
  if (!raw) return null;
  const k = raw.trim().toLowerCase().replace(/\s+/g, "-");
  return (STATUSES as readonly string[]).includes(k) ? (k as Status) : detectStatus(raw).status;
}

/** A known initiative becomes a story like any other, classified by the same analyzer. */
export function rowToItem(row: ImportRow): AnalyzedItem {
  const text = [row.organisation ? `${row.organisation}: ${row.title}.` : `${row.title}.`, row.notes ?? ""].join(" ").trim();
  const analyzed = defaultAnalyzer().analyze({ title: "", publishedAt: null, author: null, url: null, categories: [], tags: [], blocks: [{ type: "paragraph", text }] });
  const base = analyzed.items[0];
  const money = row.amount ? parseMoney(/£/.test(row.amount) ? row.amount : `£${row.amount}`) : (base?.money ?? []);
  return {
    ordinal: 0, heading: row.title, section: null, text, kind: "initiative",
    orgs: base?.orgs ?? [], region: base?.region ?? null, icb: base?.icb ?? null, themes: base?.themes ?? [],
    money, periods: base?.periods ?? [], suppliers: base?.suppliers ?? [], programmes: base?.programmes ?? [], figures: base?.figures ?? [],
    status: statusOf(row.status) ?? base?.status ?? null,
    reasons: ["imported from a known-initiatives file"],
  };
}

async function importRows(rt: Runtime, rows: ImportRow[], file: string): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    // Imported rows get their own identity: a real article at row.url must still be fetched.
    const url = `urn:radar:import:${sha256Hex(`${row.title}|${row.organisation ?? ""}`).slice(0, 24)}`;
    const { id } = await ensureArticle(rt.db, { url, sourceId: null, backfill: true });
    await storeFetchedPage(rt.db, id, { finalUrl: row.url ?? url, httpStatus: 200, contentType: "text/plain", html: JSON.stringify(row), contentHash: sha256Hex(JSON.stringify(row)) });
    const [itemId] = await replaceItems(rt.db, id, `import:${defaultAnalyzer().version}`, [rowToItem(row)]);
    await markArticleAnalyzed(rt.db, id, { analyzerVersion: defaultAnalyzer().version, title: row.title, publishedAt: null });
    await rt.producers.resolve.add({ itemId: itemId!, backfill: true }, { jobId: jobId("resolve", itemId!, "import") });
    ids.push(id);
  }
  const deadline = Date.now() + 120_000;
  while (!(await articleProgress(rt.db, ids)).every(isSettled)) {
    if (Date.now() > deadline) throw new Error(`import of ${file} did not finish within 120 s (see radar queues status)`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return ids;
}

async function findInitiative(rt: Runtime, id: string) {
  const all = await listInitiatives(rt.db);
  const matches = all.filter((v) => v.id === id || v.id.startsWith(id));
  if (matches.length !== 1) throw new Error(matches.length ? `${id} matches ${matches.length} initiatives; give more of the id` : `no initiative ${id}`);
  return matches[0]!;
}

export function registerCurate(cmd: Command): void {
  cmd
    .command("import")
    .description("import initiatives known before radar ran (CSV or JSON: title, organisation, status, amount, url, notes)")
    .argument("<file>", "a .csv or .json file")
    .action(async (file: string) => {
      const rows = readImportFile(file);
      await withPipeline(async (rt) => {
        const before = (await listInitiatives(rt.db)).length;
        await importRows(rt, rows, file);
        const after = (await listInitiatives(rt.db)).length;
        process.stdout.write(`imported ${rows.length} row(s) from ${file}: ${after - before} new initiative(s), ${rows.length - (after - before)} matched known ones\n`);
      });
    });
  cmd
    .command("merge")
    .description("merge initiative <b> into <a>: mentions move to <a> and stay there when history is reprocessed")
    .argument("<a>", "the initiative that remains")
    .argument("<b>", "the initiative merged into it")
    .action(async (a: string, b: string) => {
      await withPipeline(async (rt) => {
        const [into, from] = [await findInitiative(rt, a), await findInitiative(rt, b)];
        const r = await mergeInitiatives(rt.db, into.id, from.id, rebuildFromStories);
        process.stdout.write(`merged ${from.id} into ${into.id} (now version ${r.version}, ${r.moved} mention(s) moved)\n`);
      });
    });
  cmd
    .command("split")
    .description("move one mention out of an initiative into a new initiative of its own")
    .argument("<id>", "the initiative")
    .argument("<mention>", "the mention: its number in `radar initiatives show` (1, 2, …) or its item id")
    .action(async (id: string, mention: string) => {
      await withPipeline(async (rt) => {
        const v = await findInitiative(rt, id);
        const m = /^\d+$/.test(mention) ? v.mentions[Number(mention) - 1] : v.mentions.find((x) => x.itemId === mention);
        if (!m) throw new Error(`initiative ${v.id} has no mention ${mention} (it has ${v.mentions.length})`);
        const { newId } = await splitMention(rt.db, v.id, m.itemId, timeOrderedId(), rebuildFromStories);
        process.stdout.write(`split ${m.source}#${m.ordinal} out of ${v.id} into new initiative ${newId}\n`);
      });
    });
}
