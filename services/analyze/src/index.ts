import type { Worker } from "bullmq";
import { createAnalyzer, loadSeedFiles, type Analyzer } from "@radar/classify";
import type { Runtime } from "@radar/runtime";
import { startAnalyzeWorker } from "./analyze.worker.js";

export { startAnalyzeWorker };

let shared: Analyzer | null = null;
/** The analyzer (gazetteer, taxonomy, suppliers) is built once per process. */
export function defaultAnalyzer(): Analyzer {
  shared ??= createAnalyzer(loadSeedFiles());
  return shared;
}

export function startAnalyzeService(rt: Runtime): Worker[] {
  return [startAnalyzeWorker(rt, defaultAnalyzer())];
}
