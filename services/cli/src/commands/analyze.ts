import fs from "node:fs";
import path from "node:path";
import type { Command } from "commander";
import { errorMessage, type AnalyzedItem } from "@radar/core";
import { createHttpClient } from "@radar/http";
import { extractArticle } from "@radar/extract";
import { defaultAnalyzer } from "@radar/svc-analyze";
import { config } from "../context.js";
import { table } from "../table.js";

interface Input {
  source: string;
  text: string;
  contentType?: string;
  url?: string;
}

/** The `radar analyze --json` item shape: a contract outside tools rely on, so it is projected explicitly. */
function contractItem(i: AnalyzedItem) {
  return {
    ordinal: i.ordinal,
    heading: i.heading,
    text: i.text,
    kind: i.kind,
    orgs: i.orgs.map((o) => ({ name: o.name, code: o.code, kind: o.kind })),
    region: i.region,
    icb: i.icb,
    themes: i.themes.map((t) => ({ id: t.id, score: t.score, evidence: t.evidence })),
    money: i.money.map((m) => ({ text: m.text, pounds: m.pounds })),
    periods: i.periods,
    suppliers: i.suppliers,
    status: i.status,
  };
}

export function registerAnalyze(program: Command): void {
  program
    .command("analyze")
    .description("extract and classify articles without the store: files (HTML or text), URLs, or - for stdin")
    .argument("<inputs...>", "files, http(s) URLs, or - for standard input")
    .option("--json", "print one JSON document (the contract for outside tools)")
    .action(async (inputs: string[], opts: { json?: boolean }) => {
      const cfg = config();
      const analyzer = defaultAnalyzer();
      const http = createHttpClient({ userAgent: cfg.userAgent, allowHosts: cfg.allowHosts });
      const articles: unknown[] = [];
      let failed = false;
      try {
        for (const arg of inputs) {
          try {
            const input = await readInput(arg, http);
            const extracted = extractArticle(input.text, { url: input.url, contentType: input.contentType });
            const result = analyzer.analyze(extracted);
            const article = { source: input.source, title: result.title, publishedAt: result.publishedAt, url: result.url, items: result.items.map(contractItem) };
            articles.push(article);
            if (!opts.json) process.stdout.write(renderArticle(article));
          } catch (err) {
            failed = true;
            process.stderr.write(`radar analyze: ${arg}: ${errorMessage(err)}\n`);
          }
        }
      } finally {
        await http.close();
      }
      if (opts.json) process.stdout.write(`${JSON.stringify({ analyzerVersion: analyzer.version, articles }, null, 2)}\n`);
      if (failed) process.exitCode = 1;
    });
}

async function readInput(arg: string, http: ReturnType<typeof createHttpClient>): Promise<Input> {
  if (arg === "-") return { source: "-", text: fs.readFileSync(0, "utf8") };
  if (/^https?:\/\//i.test(arg)) {
    const res = await http.get(arg, { kind: "page" });
    return { source: arg, text: res.text, contentType: res.contentType ?? undefined, url: res.finalUrl };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(arg) && !fs.existsSync(arg)) throw new Error(`only files, http(s) URLs and - are accepted (got a ${arg.split(":")[0]}: URL)`);
  const text = fs.readFileSync(arg, "utf8");
  const ext = path.extname(arg).toLowerCase();
  const contentType = ext === ".txt" || ext === ".md" ? "text/plain" : ext === ".html" || ext === ".htm" ? "text/html" : undefined;
  return { source: arg, text, contentType };
}

function renderArticle(a: { source: string; title: string; items: ReturnType<typeof contractItem>[] }): string {
  const rows = a.items.map((i) => [
    i.ordinal,
    i.kind,
    i.region,
    i.icb,
    i.orgs.map((o) => o.name).join("; ").slice(0, 60),
    i.themes.map((t) => t.id).join(",").slice(0, 50),
    (i.heading ?? i.text).replace(/\s+/g, " ").slice(0, 70),
  ]);
  return `\n${a.title || "(untitled)"}  [${a.source}]\n${table(["#", "kind", "region", "icb", "organisations", "themes", "story"], rows)}`;
}
