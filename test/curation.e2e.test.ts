import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, createTestPrefix, type TestDatabase } from "@radar/test-support";
import { REPO, radar } from "./cli.js";

interface ContractInitiative {
  id: string;
  title: string;
  orgs: string[];
  region: string;
  icb: string | null;
  themes: string[];
  status: string | null;
  version: number;
  mentions: Array<{ source: string; ordinal: number; heading: string | null; excerpt: string; decision: string }>;
  history: Array<{ version: number; diff: Record<string, unknown>; at: string }>;
}

let db: TestDatabase;
const prefix = createTestPrefix();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "radar-curate-"));
let env: Record<string, string>;
const seed = (n: string) => path.join(REPO, "seeds/articles", fs.readdirSync(path.join(REPO, "seeds/articles")).find((f) => f.startsWith(n) && f.endsWith(".txt"))!);

async function list(): Promise<ContractInitiative[]> {
  const res = await radar(["initiatives", "list", "--json"], env);
  expect(res.code).toBe(0);
  return JSON.parse(res.stdout) as ContractInitiative[];
}

beforeAll(async () => {
  db = await createTestDatabase();
  env = { DATABASE_URL: db.url, RADAR_QUEUE_PREFIX: prefix.prefix, RADAR_DATA_DIR: dataDir };
});
afterAll(async () => {
  await prefix.cleanup();
  await db.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("known initiatives, ingest and curation through the radar command", () => {
  it("imports known initiatives and deduplicates later reports against them", async () => {
    const csv = path.join(dataDir, "known.csv");
    fs.writeFileSync(
      csv,
      'title,organisation,status,amount,url,notes\n"West London NHS Trust digital strategy 2025 – 2030",West London NHS Trust,planned,£29 million,,"Six pillars: infrastructure, cyber, systems optimisation, data and insights, AI and innovation, and empowering people."\n',
    );
    const imp = await radar(["initiatives", "import", csv], env);
    expect(imp.stderr).toBe("");
    expect(imp.stdout).toMatch(/imported 1 row\(s\).*1 new initiative/);
    const ing = await radar(["ingest", seed("000"), seed("004")], env);
    expect(ing.code).toBe(0);
    const all = await list();
    const wlt = all.filter((i) => i.orgs.includes("West London NHS Trust"));
    expect(wlt).toHaveLength(1);
    expect(wlt[0]!.mentions.map((m) => m.decision)[0]).toBe("new");
    expect(wlt[0]!.mentions.length).toBeGreaterThanOrEqual(3);
    expect(wlt[0]!.mentions.some((m) => m.source.startsWith("urn:radar:import:"))).toBe(true);
  }, 120_000);

  it("prints the initiatives list --json contract", async () => {
    const all = await list();
    expect(all.length).toBeGreaterThan(10);
    for (const i of all) {
      expect(Object.keys(i).sort()).toEqual(["history", "icb", "id", "mentions", "orgs", "region", "status", "themes", "title", "version"]);
      for (const m of i.mentions) {
        expect(Object.keys(m).sort()).toEqual(["decision", "excerpt", "heading", "ordinal", "source"]);
        expect(m.excerpt.length).toBeLessThanOrEqual(200);
        expect(["new", "update", "duplicate"]).toContain(m.decision);
      }
      expect(i.history[0]!.version).toBe(1);
    }
  });

  it("merges two initiatives and splits a mention back out, keeping history; a re-ingest changes nothing", async () => {
    const all = await list();
    const las = all.filter((i) => i.orgs.includes("London Ambulance Service NHS Trust"));
    expect(las.length).toBeGreaterThanOrEqual(2);
    const [a, b] = las;
    const merged = await radar(["initiatives", "merge", a!.id, b!.id], env);
    expect(merged.stdout).toMatch(/merged .* into /);
    let now = await list();
    const kept = now.find((i) => i.id === a!.id)!;
    expect(now.find((i) => i.id === b!.id)).toBeUndefined();
    expect(kept.mentions).toHaveLength(a!.mentions.length + b!.mentions.length);
    expect(kept.history.at(-1)!.version).toBe(a!.version + 1);

    const split = await radar(["initiatives", "split", a!.id, String(kept.mentions.length)], env);
    expect(split.stdout).toMatch(/into new initiative/);
    now = await list();
    expect(now.find((i) => i.id === a!.id)!.mentions).toHaveLength(kept.mentions.length - 1);
    const total = now.reduce((n, i) => n + i.mentions.length, 0);

    const again = await radar(["ingest", seed("000"), seed("004")], env);
    expect(again.code).toBe(0);
    const after = await list();
    expect(after.map((i) => [i.id, i.version, i.mentions.length])).toEqual(now.map((i) => [i.id, i.version, i.mentions.length]));
    expect(after.reduce((n, i) => n + i.mentions.length, 0)).toBe(total);
  }, 120_000);
});
