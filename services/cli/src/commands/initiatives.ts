import type { Command } from "commander";
import { listInitiatives, type InitiativeView } from "@radar/db";
import { withStore } from "../context.js";
import { table } from "../table.js";
import { registerCurate } from "./curate.js";

/** The `radar initiatives list --json` shape: a contract, so it is projected explicitly. */
export function contractInitiative(v: InitiativeView) {
  return {
    id: v.id,
    title: v.title,
    orgs: v.orgs,
    region: v.region,
    icb: v.icb,
    themes: v.themes,
    status: v.status,
    version: v.version,
    mentions: v.mentions.map((m) => ({ source: m.source, ordinal: m.ordinal, heading: m.heading, excerpt: m.excerpt, decision: m.decision })),
    history: v.history.map((h) => ({ version: h.version, diff: h.diff, at: h.at })),
  };
}

export function registerInitiatives(program: Command): void {
  const cmd = program.command("initiatives").description("what the store knows: initiatives, their mentions and history");
  cmd
    .command("list")
    .description("every initiative, most recently seen first")
    .option("--json", "print one JSON array (the contract for outside tools)")
    .action(async (opts: { json?: boolean }) => {
      const views = await withStore((db) => listInitiatives(db));
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(views.map(contractInitiative), null, 2)}\n`);
        return;
      }
      process.stdout.write(
        table(
          ["id", "v", "status", "region", "organisation", "mentions", "title"],
          views.map((v) => [v.id.slice(0, 8), v.version, v.status, v.region, (v.orgs[0] ?? "").slice(0, 40), v.mentions.length, v.title.slice(0, 70)]),
        ),
      );
    });
  cmd
    .command("show")
    .description("one initiative with every mention (decision, score, reasons) and its history")
    .argument("<id>", "initiative id (a unique prefix is enough)")
    .option("--json", "print JSON")
    .action(async (id: string, opts: { json?: boolean }) => {
      const views = await withStore((db) => listInitiatives(db));
      const matches = views.filter((v) => v.id === id || v.id.startsWith(id));
      if (matches.length !== 1) throw new Error(matches.length ? `${id} matches ${matches.length} initiatives; give more of the id` : `no initiative ${id}`);
      const v = matches[0]!;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(v, null, 2)}\n`);
        return;
      }
      const lines = [
        `${v.title}`,
        `id ${v.id} · version ${v.version} · status ${v.status ?? "-"} · ${v.region ?? "-"}${v.icb ? ` · ${v.icb} ICB` : ""}`,
        `organisations: ${v.orgs.join("; ") || "-"}`,
        `themes: ${v.themes.join(", ") || "-"}`,
        `money: ${v.money.map((m) => m.text).join(", ") || "-"}`,
        `first seen ${v.firstSeen} · last seen ${v.lastSeen}`,
        "",
        "mentions:",
        ...v.mentions.map((m, i) => `  ${i + 1}. ${m.decision.padEnd(9)} ${m.score.toFixed(2)}  ${m.source}#${m.ordinal}  (item ${m.itemId})\n       ${m.reasons.join("; ")}`),
        "",
        "history:",
        ...v.history.map((h) => `  v${h.version} ${h.at} ${JSON.stringify(h.diff)}`),
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    });
  registerCurate(cmd);
}
