import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SourceSeed } from "@radar/db";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SEEDS_DIR = path.join(REPO_ROOT, "seeds");

/** The default source registry (seeds/sources.json). */
export function loadSourceSeeds(): SourceSeed[] {
  const file = path.join(SEEDS_DIR, "sources.json");
  if (!fs.existsSync(file)) return [];
  const raw = JSON.parse(fs.readFileSync(file, "utf8")) as unknown;
  const list = (Array.isArray(raw) ? raw : (raw as { sources?: unknown[] }).sources ?? []) as Array<Record<string, unknown>>;
  return list.map((s) => ({
    id: String(s.id),
    name: String(s.name),
    feedUrl: String(s.feedUrl),
    kind: typeof s.kind === "string" ? s.kind : "rss",
    pollIntervalMinutes: typeof s.pollIntervalMinutes === "number" ? s.pollIntervalMinutes : 30,
    enabled: s.enabled !== false,
    hints: (s.hints as Record<string, unknown>) ?? {},
  }));
}
