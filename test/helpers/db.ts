import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import type { Db } from '../../src/db/client.js';
import { col, selectRows } from '../../src/db/rows.js';
import { prepare, seedIfEmpty, type Prepared } from '../../src/prepare-database.js';
import { seedLinking } from './linking.js';
import { clonePglite, clonePostgres, templatesAvailable } from './templates.js';

export type Backend = 'pglite' | 'postgres';

/** PGlite always; the real Postgres too when TEST_DATABASE_URL (or DATABASE_URL) names one. */
export const postgresUrl = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || null;
export const backends: Backend[] = postgresUrl ? ['pglite', 'postgres'] : ['pglite'];
if (!postgresUrl && process.env.TEST_TIER !== 'fast') console.warn('TEST_DATABASE_URL is not set: tests run on PGlite only, not on Postgres.');

export interface TestDatabase extends Prepared {
  backend: Backend;
  /** Every statement sent since the last `sqlLog.length = 0`. */
  sqlLog: string[];
  /** Closes the connection and drops the throw-away database. */
  close(): Promise<void>;
}

/** A test database that also keeps each statement's parameters (to EXPLAIN the statements). */
export interface LoggedTestDatabase extends TestDatabase {
  /** The statements of `sqlLog` with their parameters, since the last `sqlStatements.length = 0`. */
  sqlStatements: { query: string; params: unknown[] }[];
}

/**
 * A fresh, migrated database with the knowledge base synced (and the seed corpus, unless told
 * otherwise); every call gets its own, so test files never share state. Within a test run it is a
 * copy of a template that `prepare` and `seedIfEmpty` built once (see templates.ts); outside one,
 * or with `fresh: true`, it is built from nothing.
 */
export async function openTestDatabase(backend: Backend, { seed = true, fresh = false } = {}): Promise<LoggedTestDatabase> {
  const sqlLog: string[] = [];
  const sqlStatements: LoggedTestDatabase['sqlStatements'] = [];
  const onQuery = (query: string, params: unknown[]) => {
    sqlLog.push(query);
    sqlStatements.push({ query, params });
  };
  if (backend === 'postgres' && !postgresUrl) throw new Error('no Postgres configured (TEST_DATABASE_URL)');
  let prepared: Prepared;
  let drop = async () => {};
  if (!fresh && templatesAvailable()) {
    if (backend === 'postgres') {
      const clone = await clonePostgres(postgresUrl!, seed, { onQuery });
      ({ prepared, drop } = clone);
    } else {
      const clone = await clonePglite(seed, { onQuery });
      prepared = clone.prepared;
      drop = async () => clone.remove();
    }
  } else {
    let url: string | undefined;
    if (backend === 'postgres') {
      const name = `test_${randomBytes(6).toString('hex')}`;
      const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      const parsed = new URL(postgresUrl!);
      parsed.pathname = `/${name}`;
      url = parsed.toString();
      drop = async () => {
        await admin.unsafe(`drop database if exists ${name} with (force)`);
        await admin.end();
      };
    }
    prepared = await prepare({ url, onQuery, maxConnections: 4, linking: seedLinking() });
    if (seed) await seedIfEmpty(prepared);
  }
  sqlLog.length = 0;
  sqlStatements.length = 0;
  return {
    ...prepared,
    backend,
    sqlLog,
    sqlStatements,
    async close() {
      await prepared.database.close();
      await drop();
    },
  };
}

/**
 * Resolves once a session of `db`'s database waits for a lock: a test that starts a second writer
 * while the first holds its transaction open knows then that the second reached the lock, where a
 * fixed sleep only guessed (and cost its length every run). Throws after `timeoutMs` when no session
 * ever waits, as when the lock the test is about is missing. Postgres only (PGlite has one session).
 */
export async function waitForLockWait(db: Db, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await selectRows(
      db,
      sql`select count(*)::int as waiting from pg_locks l join pg_stat_activity a on a.pid = l.pid
          where not l.granted and a.datname = current_database()`,
      { waiting: col.int },
    );
    if (row!.waiting > 0) return;
    if (Date.now() > deadline) throw new Error(`no session of this database waited for a lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
