import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import type { Database, Db } from './client.js';
import { selectCount } from './rows.js';

const migrationsFolder = fileURLToPath(new URL('../../migrations', import.meta.url));

// Any constant works; it only has to be the same for every process migrating this database.
const MIGRATION_LOCK = 720_531_914;

/** Applies the drizzle-kit migrations in `migrations/`; safe to run from several processes at once. */
export async function migrate(database: Database): Promise<void> {
  if (database.kind === 'pglite' || !database.url) {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // The advisory lock belongs to a session, so lock and migrate over one dedicated connection.
  const client = postgres(database.url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}

/** Whether every migration in `migrations/` has been applied to this database. */
export async function isMigrated(db: Db): Promise<boolean> {
  const journal = JSON.parse(readFileSync(`${migrationsFolder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return (await selectCount(db, sql`select count(*)::int as count from drizzle.__drizzle_migrations`)) >= journal.entries.length;
}
