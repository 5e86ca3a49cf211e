/** Shared pieces of the benchmarks: result rows, timing statistics, an RSS sampler, the table. */

export interface Row {
  bench: string;
  measure: string;
  value: number;
  unit: string;
  /** Human-readable target from the issue, e.g. "≤ 10 ms". */
  target?: string;
  /** Whether `value` meets the target; undefined when there is no target. */
  pass?: boolean;
  note?: string;
}

export interface Bench {
  name: string;
  describe: string;
  run(log: (msg: string) => void): Promise<Row[]>;
}

export interface Stats {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function stats(samples: number[]): Stats {
  const s = [...samples].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / Math.max(1, s.length);
  return { n: s.length, mean, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? Number.NaN };
}

/** Wall time of each of `runs` calls after `warmup` unmeasured ones (JIT warm-up is not billed). */
export function timeSync(fn: () => unknown, runs: number, warmup = 3): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** Samples process RSS every `everyMs` until stopped; reports the peak and the baseline. */
export function rssSampler(everyMs = 50): { stop(): { peakMiB: number; startMiB: number; samples: number } } {
  const startMiB = process.memoryUsage().rss / 2 ** 20;
  let peak = startMiB;
  let samples = 0;
  const timer = setInterval(() => {
    samples++;
    peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss / 2 ** 20);
      return { peakMiB: peak, startMiB, samples };
    },
  };
}

/** Runs `worker` on `n` parallel lanes pulling from a shared index until `count` jobs are done. */
export async function lanes(n: number, count: number, worker: (i: number, lane: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async (_, lane) => {
      while (next < count) {
        const i = next++;
        await worker(i, lane);
      }
    }),
  );
}

export function upTo(target: number) {
  return (v: number) => v <= target;
}

export function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}

export function verdict(r: Row): string {
  return r.pass === undefined ? "–" : r.pass ? "pass" : "FAIL";
}

/** A Markdown table (also readable in a terminal). */
export function table(rows: Row[]): string {
  const head = ["bench", "measure", "value", "target", "result", "note"];
  const body = rows.map((r) => [r.bench, r.measure, `${fmt(r.value)} ${r.unit}`, r.target ?? "", verdict(r), r.note ?? ""]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("\n");
}
