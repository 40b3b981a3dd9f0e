import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Logger } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { countStatement } from '../request-scope.js';
import { countingPglite, countingPostgres, type InFlight } from './in-flight.js';
import { DataDirError, lockDataDir } from './pglite-dir.js';
import * as schema from './schema.js';

/** The Drizzle handle every layer works with: a Postgres connection, PGlite, or a transaction on either. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export type DatabaseKind = 'postgres' | 'pglite';

export interface DatabaseOptions {
  /** A `postgres://` URL; without it the embedded PGlite is used. */
  url?: string | undefined;
  /** Where PGlite keeps its files; in memory when absent. Ignored for Postgres. */
  dataDir?: string | undefined;
  /** The URL a server serves the API on, recorded with the lock on `dataDir` for the CLI to find. */
  serverUrl?: string | undefined;
  /** Open an existing PGlite folder only; never create one (the caller does not write either). */
  existingOnly?: boolean | undefined;
  /** Connection pool size for Postgres. */
  maxConnections?: number | undefined;
  /** Postgres stops any statement that runs longer (in ms); the API reports it as TIMEOUT. */
  statementTimeoutMs?: number | undefined;
  /** Called with every SQL statement Drizzle sends (SQL logs in tests, statement counts per request). */
  onQuery?: ((query: string, params: unknown[]) => void) | undefined;
  /** Says why the process stops at once (another process took the PGlite folder over); stderr when absent. */
  fatal?: ((message: string) => void) | undefined;
}

/** How busy the database is, for the metrics. */
export interface PoolStats {
  kind: DatabaseKind;
  /** Connections the pool may open (PGlite: one, in process). */
  maxConnections: number;
  /** Statements sent and not yet answered, including those waiting for a free connection. */
  statementsInFlight: number;
}

export interface Database {
  db: Db;
  kind: DatabaseKind;
  /** A snapshot of the pool: postgres.js does not expose its connections, so the statements in flight stand in for its load. */
  pool(): PoolStats;
  /** The Postgres URL, when kind is postgres. */
  url: string | null;
  /** Ends the pool (Postgres) or closes the WASM instance (PGlite). */
  close(): Promise<void>;
}

export async function openDatabase(options: DatabaseOptions = {}): Promise<Database> {
  // Every statement counts towards the request that sent it (the `x-sql-statements` header).
  const logger: Logger = {
    logQuery: (query, params) => {
      countStatement();
      options.onQuery?.(query, params);
    },
  };
  const inFlight: InFlight = { count: 0 };
  if (options.url) {
    const maxConnections = options.maxConnections ?? 10;
    const client = postgres(options.url, {
      max: maxConnections,
      ...outageOptions(options.statementTimeoutMs),
      onnotice: () => {},
      connection: {
        application_name: 'conflict-news-graphql',
        // Postgres compiles a statement to machine code when its estimated cost passes
        // jit_above_cost. Ours are short and many: compiling took 34 ms of a 53 ms co-actor
        // statement (EXPLAIN ANALYZE on 100,000 articles), which runs in 4 ms without it.
        jit: 'off',
        ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      },
    });
    const db = drizzlePostgres({ client: countingPostgres(client, inFlight), schema, logger }) as unknown as Db;
    return {
      db,
      kind: 'postgres',
      pool: () => ({ kind: 'postgres', maxConnections, statementsInFlight: inFlight.count }),
      url: options.url,
      close: () => client.end({ timeout: 5 }),
    };
  }
  // PGlite's WASM build weighs some 40 MB in memory: loaded only when it is the database.
  const [{ PGlite }, { unaccent }, { drizzle: drizzlePglite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite/contrib/unaccent'),
    import('drizzle-orm/pglite'),
  ]);
  const { client, release } = await openPglite(PGlite, options, { unaccent });
  const db = drizzlePglite({ client: countingPglite(client, inFlight), schema, logger }) as unknown as Db;
  let closing: Promise<void> | null = null;
  return {
    db,
    kind: 'pglite',
    pool: () => ({ kind: 'pglite', maxConnections: 1, statementsInFlight: inFlight.count }),
    url: null,
    close: () => (closing ??= client.close().finally(release)),
  };
}

/** The longest pause between two attempts to reach a Postgres that refused or dropped a connection. */
export const MAX_RECONNECT_DELAY_MS = 400;

/**
 * Seconds before the pool's next attempt to connect after `retries` failed ones: 50 ms, doubling,
 * never more than MAX_RECONNECT_DELAY_MS, jittered so that several servers do not knock at once.
 * postgres.js's own grows to 20 s on a counter shared by the pool: a Postgres back after a
 * restart then waited up to 20 s for the first attempt (issue 15).
 */
export function reconnectDelaySeconds(retries: number): number {
  const ceiling = Math.min(MAX_RECONNECT_DELAY_MS, 50 * 2 ** Math.max(0, retries - 1));
  return (ceiling * (0.5 + Math.random() / 2)) / 1000;
}

/**
 * How the pool behaves while Postgres is away, so that a request fails soon (DATABASE_UNAVAILABLE)
 * instead of waiting for it: a bounded reconnect backoff, and an attempt to connect given up
 * after half the statement timeout (1–5 s). Once an attempt failed for good (refused, or Postgres
 * starting or shutting down) the queries waiting for a connection fail with its error, as do new
 * ones until the next attempt. (No queue_timeout: it counts the wait for a connection being
 * opened too, and would fail the first queries of a pool whose statement timeout is short.)
 */
export function outageOptions(statementTimeoutMs: number | undefined) {
  return {
    backoff: reconnectDelaySeconds,
    connect_timeout: Math.min(5, Math.max(1, (statementTimeoutMs ?? 10_000) / 2000)),
  };
}

/** The one place a PGlite folder is opened: under its lock, with a way out when it is damaged. */
async function openPglite(
  PGlite: typeof import('@electric-sql/pglite').PGlite,
  options: DatabaseOptions,
  extensions: import('@electric-sql/pglite').Extensions,
): Promise<{ client: import('@electric-sql/pglite').PGlite; release: () => Promise<void> }> {
  const { dataDir } = options;
  if (!dataDir) return { client: new PGlite({ extensions }), release: async () => {} };
  if (options.existingOnly && !existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new DataDirError(`There is no PGlite database in ${resolve(dataDir)} yet: \`npm start\` or \`npm run db:migrate\` creates it.`);
  }
  const release = await lockDataDir(dataDir, options.serverUrl, options.fatal);
  try {
    const client = new PGlite({ dataDir, extensions });
    await client.waitReady;
    return { client, release };
  } catch (error) {
    await release();
    throw new DataDirError(damagedMessage(dataDir, error));
  }
}

function damagedMessage(dataDir: string, error: unknown): string {
  const dir = resolve(dataDir);
  const reason = String((error as Error)?.message ?? error).replace(/\.?\s*Build with -sASSERTIONS.*$/s, '').trim();
  const aside = `${dir}.damaged-${new Date().toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-')}`;
  return [
    `PGlite cannot open the database in ${dir} (${reason}): the folder is damaged, for instance by two processes`,
    'that wrote to it at once, a full disk, or a copy taken while it was open.',
    'Restore the folder from a backup, or move it aside and start with an empty database',
    '(the server loads the seed articles again; ingest your own articles again):',
    `  mv ${shellWord(dir)} ${shellWord(aside)}`,
  ].join('\n');
}

function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A database URL without its password, for messages and logs. */
export function describeDatabase(url: string | undefined, dataDir: string | undefined): string {
  if (!url) return dataDir ? `PGlite at ${dataDir}` : 'PGlite in memory';
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return `Postgres at ${parsed.toString()}`;
  } catch {
    return 'Postgres (unparsable URL)';
  }
}
