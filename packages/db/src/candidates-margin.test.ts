import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IN_FLIGHT_MARGIN_MS, MIGRATIONS_DIR } from "./index.js";

describe("radar_candidates", () => {
  it("includes recent initiatives over the same margin apply's rival check uses", () => {
    // The function's SQL lives in a migration; the margin is written there as a literal.
    const files = fs.readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith(".sql"));
    const latest = files.filter((f) => fs.readFileSync(path.join(MIGRATIONS_DIR, f), "utf8").includes("FUNCTION radar_candidates")).sort().at(-1)!;
    const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, latest), "utf8");
    expect(sql).toContain(`now() - interval '${IN_FLIGHT_MARGIN_MS / 1000} seconds'`);
  });
});
