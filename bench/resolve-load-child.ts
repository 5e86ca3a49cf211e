/**
 * Runs the bulk load in its own process (`tsx bench/resolve-load-child.ts <database url> <count>`):
 * generating 100,000 stories leaves a large heap behind, and the process that then measures
 * resolve latency should look like a resolve worker, not like a data loader.
 */
import pg from "pg";
import { loadOrgs } from "./resolve-data.js";
import { loadInitiatives } from "./resolve-load.js";

const [url, count] = process.argv.slice(2);
const pool = new pg.Pool({ connectionString: url, max: 1 });
try {
  const { seconds } = await loadInitiatives(pool, Number(count), loadOrgs(200), (m) => process.stderr.write(`  ${m}\n`));
  process.stdout.write(JSON.stringify({ seconds }));
} finally {
  await pool.end();
}
