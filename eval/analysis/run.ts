import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createAnalyzer, loadSeedFiles } from "@radar/classify";
import { FIXTURE_SETS } from "../fixture-sets.js";
import { evaluate, type Metrics } from "./evaluate.js";

/** npx tsx eval/analysis/run.ts [--gold path] [--json] [--misses] [--html] — seeds gold plus eval/fixtures if present. */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export function datasets(goldArg?: string): Array<{ name: string; gold: string; articles: string }> {
  const seedsGold = goldArg ?? [resolve(root, "../shared/eval/seeds-gold.json"), "/work/shared/eval/seeds-gold.json"].find(existsSync) ?? resolve(root, "../shared/eval/seeds-gold.json");
  const out = [{ name: "seeds", gold: seedsGold, articles: resolve(root, "seeds/articles") }];
  if (!goldArg) {
    for (const set of FIXTURE_SETS) {
      const gold = resolve(root, set.dir, "gold.json");
      if (existsSync(gold)) out.push({ name: set.name, gold, articles: resolve(root, set.dir, "articles") });
    }
  }
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
function table(name: string, m: Metrics): string {
  if (m.articles === 0) return `${name}: no article files found`;
  return [
    `${name}: ${m.articles} articles, ${m.gold} gold stories, ${m.predicted} predicted`,
    `  matched ${pct(m.matchedShare)}  extra ${pct(m.extraShare)}  sponsored ${m.sponsoredCaught}/${m.sponsoredGold}  kind ${pct(m.kindAccuracy)}`,
    `  primary org ${pct(m.primaryOrg)}  region ${pct(m.region)}  icb ${pct(m.icb)} (n=${m.icbWithGold})  themes P ${m.themeP.toFixed(3)} R ${m.themeR.toFixed(3)} F1 ${m.themeF1.toFixed(3)}`,
    `  status ${m.statusWithGold ? `${pct(m.status)} (n=${m.statusWithGold})` : "not labelled"}  analyze ${m.msPerArticle.toFixed(2)} ms/article`,
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const gi = args.indexOf("--gold");
  const analyzer = createAnalyzer(loadSeedFiles());
  const html = args.includes("--html");
  const results = datasets(gi >= 0 ? args[gi + 1] : undefined).map((d) => ({ ...d, name: html ? `${d.name} (html)` : d.name, metrics: evaluate(analyzer, d.gold, d.articles, html) }));
  if (args.includes("--json")) console.log(JSON.stringify({ version: analyzer.version, results }, null, 2));
  else {
    console.log(`analyzer ${analyzer.version}`);
    for (const r of results) {
      console.log(table(r.name, r.metrics));
      if (args.includes("--misses")) for (const x of r.metrics.misses) console.log("   - " + x);
    }
  }
}
