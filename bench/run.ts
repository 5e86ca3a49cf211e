/**
 * `npm run bench` runs every benchmark and prints one table; `--only <name>` runs one;
 * `--json <file>` also writes the rows as JSON. Benchmarks are measured here, never as timed tests.
 */
import { writeFileSync } from "node:fs";
import os from "node:os";
import { analyzeBench } from "./analyze.bench.js";
import { table, type Bench, type Row } from "./bench-lib.js";
import { ingestBench } from "./ingest.bench.js";
import { resolveBench } from "./resolve.bench.js";

const BENCHES: Bench[] = [ingestBench, analyzeBench, resolveBench];

function args(argv: string[]): { only: string[]; json: string | null } {
  const only: string[] = [];
  let json: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") only.push(...(argv[++i] ?? "").split(",").filter(Boolean));
    else if (argv[i] === "--json") json = argv[++i] ?? null;
    else if (argv[i] === "--help" || argv[i] === "-h") {
      console.log(`usage: npm run bench [-- --only ${BENCHES.map((b) => b.name).join("|")}] [--json file]`);
      for (const b of BENCHES) console.log(`  ${b.name.padEnd(8)} ${b.describe}`);
      process.exit(0);
    } else throw new Error(`unknown argument ${argv[i]} (try --help)`);
  }
  return { only, json };
}

async function main() {
  const { only, json } = args(process.argv.slice(2));
  const unknown = only.filter((n) => !BENCHES.some((b) => b.name === n));
  if (unknown.length) throw new Error(`unknown benchmark ${unknown.join(", ")}; known: ${BENCHES.map((b) => b.name).join(", ")}`);
  const chosen = only.length ? BENCHES.filter((b) => only.includes(b.name)) : BENCHES;
  const machine = `${os.cpus().length} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`;
  console.error(`radar bench on ${machine}, ${new Date().toISOString()}`);
  const rows: Row[] = [];
  const started = performance.now();
  for (const b of chosen) {
    const t0 = performance.now();
    console.error(`\n▶ ${b.name}: ${b.describe}`);
    rows.push(...(await b.run((m) => console.error(`  ${m}`))));
    console.error(`  ${b.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  console.log(`\n${table(rows)}\n`);
  console.log(`total ${((performance.now() - started) / 1000).toFixed(1)} s; load average after: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (json) writeFileSync(json, JSON.stringify({ machine, at: new Date().toISOString(), rows }, null, 2));
  if (rows.some((r) => r.pass === false)) console.log("some targets missed (see FAIL rows)");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
