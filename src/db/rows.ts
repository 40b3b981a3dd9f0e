import type { SQL } from 'drizzle-orm';
import type { Db } from './client.js';

/**
 * Runs a raw statement and returns its rows. postgres.js answers with an array and PGlite with
 * `{ rows }`; callers alias columns to camelCase and cast dates to text in the SQL itself.
 */
export async function selectRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
