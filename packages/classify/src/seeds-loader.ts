import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { permanent } from "@radar/core";
import type { SeedTexts } from "./analyze.js";

/** The package's only node:fs use: read the three seed files (default: repo seeds/). */
export function loadSeedFiles(seedsDir?: string): SeedTexts {
  const dir = seedsDir ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../seeds");
  const read = (name: string) => {
    try {
      return readFileSync(join(dir, name), "utf8");
    } catch (err) {
      throw permanent("seed_missing", `cannot read seed file ${join(dir, name)}`, err);
    }
  };
  return { gazetteerCsv: read("nhs-organisations.csv"), taxonomyJson: read("taxonomy.json"), suppliersJson: read("suppliers.json") };
}
