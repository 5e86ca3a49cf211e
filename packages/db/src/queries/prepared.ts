import pg from "pg";
import type { Db } from "../client.js";

interface Queryable {
  query(text: string | { name: string; text: string; values: unknown[] }, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * A hot-path statement by name. On PostgreSQL it is prepared once per connection (the resolve
 * look-up costs about as much to plan as to run); PGlite runs it as a plain parameterised query.
 * Text and parameters are fixed by the caller: only arrays vary, passed as array parameters.
 */
export async function preparedRows<T>(db: Db, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as unknown as { $client: Queryable }).$client;
  const res = client instanceof pg.Pool ? await client.query({ name, text, values }) : await client.query(text, values);
  return res.rows as T[];
}
