import { sql } from "drizzle-orm";

/** A text[] literal built from bound parameters (works on node-postgres and PGlite alike). */
export const textArray = (xs: string[]) => sql`array[${xs.length ? sql.join(xs.map((x) => sql`${x}`), sql`, `) : sql``}]::text[]`;
