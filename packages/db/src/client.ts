import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import pg from "pg";
import { permanent } from "@radar/core";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** Either backend: node-postgres or PGlite. Queries are written once against this type. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Store {
  db: Db;
  kind: "postgres" | "pglite";
  /** Human-readable location (connection string without password, or data directory). */
  where: string;
  close(): Promise<void>;
}

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../migrations");

// One fixed key, so concurrent `radar migrate` / worker starts apply migrations one at a time.
const MIGRATION_LOCK_KEY = 740_051_901;

export interface OpenOptions {
  databaseUrl: string | null;
  dataDir: string;
  /** Apply pending migrations before returning (default true). */
  migrate?: boolean;
  poolSize?: number;
}

export async function openStore(opts: OpenOptions): Promise<Store> {
  const store = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.poolSize ?? 10) : await openPglite(opts.dataDir);
  if (opts.migrate !== false) {
    try {
      await migrateStore(store, opts.databaseUrl);
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  return store;
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000 });
  // An idle client that errors (server restart) must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw permanent("database-unreachable", `cannot connect to PostgreSQL at ${describeUrl(url)}: ${reason(err)}`, err);
  }
  return { db: drizzlePg(pool, { schema }) as unknown as Db, kind: "postgres", where: describeUrl(url), close: () => pool.end() };
}

async function openPglite(dataDir: string): Promise<Store> {
  const dir = path.join(dataDir, "pglite");
  fs.mkdirSync(dir, { recursive: true });
  const releaseLock = lockPgliteDir(dir);
  let client: PGlite;
  try {
    client = await PGlite.create(dir);
  } catch (err) {
    releaseLock();
    throw permanent("database-unreachable", `cannot open the embedded database in ${dir}: ${reason(err)}`, err);
  }
  const close = async () => {
    await client.close();
    releaseLock();
  };
  return { db: drizzlePglite(client, { schema }) as unknown as Db, kind: "pglite", where: dir, close };
}

/**
 * PGlite is one process's database: a second process opening the same directory would corrupt it.
 * A lock file with the owner's pid turns that into a clear refusal (a stale lock of a dead process
 * is taken over).
 */
function lockPgliteDir(dir: string): () => void {
  const file = path.join(dir, "radar.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const owner = Number(fs.readFileSync(file, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw permanent(
          "database-busy",
          `the embedded database in ${dir} is in use by radar process ${owner}; stop it, or set DATABASE_URL so several processes can share PostgreSQL`,
        );
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw permanent("database-busy", `could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function migrateStore(store: Store, databaseUrl: string | null): Promise<void> {
  if (store.kind === "pglite") {
    await migratePglite(store.db as never, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // A dedicated connection holds the advisory lock for the whole migration.
  const client = new pg.Client({ connectionString: databaseUrl! });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    await migratePg(drizzlePg(client), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await client.end();
  }
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparseable URL)";
  }
}

function reason(err: unknown): string {
  if (err instanceof AggregateError && err.errors.length > 0) return reason(err.errors[0]);
  const e = err as { code?: string; message?: string };
  if (e.code === "ECONNREFUSED") return "connection refused (is PostgreSQL running?)";
  if (e.code === "ENOTFOUND") return "host not found";
  return e.message || e.code || String(err);
}
