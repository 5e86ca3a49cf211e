import { readFileSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { extractText } from "@radar/extract";
import { createAnalyzer, loadGazetteer, loadSeedFiles } from "@radar/classify";

/** npx tsx eval/analysis/bench.ts — gazetteer load time and analyze() ms per seed article (warm; wall median/best of 20, mean CPU ms). */
const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const seeds = loadSeedFiles();
const loads = Array.from({ length: 5 }, () => {
  const t = performance.now();
  loadGazetteer(seeds.gazetteerCsv);
  return performance.now() - t;
});
console.log(`gazetteer load ms: first ${loads[0]!.toFixed(1)}, best ${Math.min(...loads).toFixed(1)}`);
const analyzer = createAnalyzer(seeds);
const dir = resolve(root, "seeds/articles");
for (const f of readdirSync(dir).filter((x) => x.endsWith(".txt")).sort()) {
  const text = readFileSync(resolve(dir, f), "utf8");
  const art = extractText(text);
  for (let i = 0; i < 5; i++) analyzer.analyze(art);
  const times = Array.from({ length: 20 }, () => {
    const t = performance.now();
    analyzer.analyze(art);
    return performance.now() - t;
  }).sort((a, b) => a - b);
  // CPU time is steadier than wall time on a shared box (it excludes time spent descheduled).
  const c0 = process.cpuUsage();
  for (let i = 0; i < 20; i++) analyzer.analyze(art);
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000 / 20;
  console.log(`${f} ${(text.length / 1024).toFixed(1)} KB: wall median ${times[10]!.toFixed(2)} ms, best ${times[0]!.toFixed(2)} ms, cpu ${cpuMs.toFixed(2)} ms`);
}
