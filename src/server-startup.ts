import { setTimeout as sleep } from 'node:timers/promises';
import { describeDatabase } from './db/client.js';
import type { Env } from './env.js';
import { causesOf, isConnectionLost } from './db/errors.js';
import { DataDirInUseError } from './db/pglite-dir.js';
import { closePrepared, prepare, seedIfEmpty, type Prepared } from './prepare-database.js';

/** Waits between attempts: 0.5 s, doubling, at most 10 s. */
export function backoffMs(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** Math.max(0, attempt - 1));
}

/** Longest reason printed; a driver's message can quote a whole statement. */
const REASON_LIMIT = 300;

/**
 * The innermost message in the error's chain, with its code, on one line: the driver's own words
 * (`relation "x" already exists (42P07)`), not a wrapper's (`Failed query: <the whole statement>`);
 * an AggregateError's own message is empty.
 */
export function reasonOf(error: unknown): string {
  let reason = String(error);
  for (const cause of causesOf(error)) {
    const { message, code } = cause as { message?: unknown; code?: unknown };
    if (typeof message === 'string' && message.trim() !== '') {
      reason = typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
    }
  }
  const line = reason.replace(/\s+/g, ' ').trim();
  return line.length > REASON_LIMIT ? `${line.slice(0, REASON_LIMIT)} …` : line;
}

export class StartupError extends Error {
  override name = 'StartupError';
}

export interface StartupOptions {
  env: Pick<Env, 'DATABASE_URL' | 'DATABASE_READ_URL' | 'PGLITE_DIR' | 'STATEMENT_TIMEOUT_MS' | 'SEED_ON_START' | 'DATABASE_CONNECT_ATTEMPTS'>;
  /** Where this server listens: recorded with the lock on a PGlite folder, for the CLI to find. */
  serverUrl?: string | undefined;
  /** Aborted on SIGTERM: stop waiting and return null. */
  signal: AbortSignal;
  log: (line: string) => void;
  warn: (line: string) => void;
  /** The last line before the process stops at once (another process took the PGlite folder over). */
  fatal?: ((line: string) => void) | undefined;
}

async function prepareAndSeed({ env, log, fatal, serverUrl }: StartupOptions): Promise<Prepared> {
  const prepared = await prepare({
    url: env.DATABASE_URL,
    serverUrl,
    fatal,
    readUrls: env.DATABASE_READ_URL,
    dataDir: env.PGLITE_DIR,
    statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
    log,
  });
  if (env.SEED_ON_START !== 'true') return prepared;
  try {
    const seeded = await seedIfEmpty(prepared);
    if (seeded.length > 0) log(`Loaded ${seeded.length} seed articles into the empty corpus.`);
    return prepared;
  } catch (error) {
    await closePrepared(prepared);
    throw error;
  }
}

/**
 * Opens, migrates and seeds the database, retrying with backoff while Postgres is unreachable or
 * not ready (forever, or DATABASE_CONNECT_ATTEMPTS times), or while a command holds the PGlite
 * folder. Any other PGlite failure is final: a second server on the folder, or a damaged one.
 * Returns null when aborted.
 */
export async function prepareWhenReady(options: StartupOptions): Promise<Prepared | null> {
  const { env, signal, warn } = options;
  const where = describeDatabase(env.DATABASE_URL, env.PGLITE_DIR);
  for (let attempt = 1; ; attempt += 1) {
    if (signal.aborted) return null;
    try {
      const prepared = await prepareAndSeed(options);
      if (!signal.aborted) return prepared;
      await closePrepared(prepared);
      return null;
    } catch (error) {
      // Another server on the folder stays in the way; a command (ingest, relink …) finishes.
      const busy = !env.DATABASE_URL && error instanceof DataDirInUseError && !error.holder?.url;
      if (!env.DATABASE_URL && !busy) {
        if (!(error instanceof DataDirInUseError)) throw error;
        throw new StartupError(`${error.message} Stop that server first, or give this one another PGLITE_DIR (or a Postgres in DATABASE_URL).`);
      }
      const state = busy
        ? (error as Error).message.replace(/\.$/, '')
        : `Database ${where} is ${isConnectionLost(error) ? 'not reachable' : 'not ready'}: ${reasonOf(error)}`;
      if (env.DATABASE_CONNECT_ATTEMPTS > 0 && attempt >= env.DATABASE_CONNECT_ATTEMPTS) {
        throw new StartupError(`${state}. Gave up after ${attempt} attempts (DATABASE_CONNECT_ATTEMPTS).`);
      }
      const delay = backoffMs(attempt);
      warn(`${state}. Attempt ${attempt} failed; trying again in ${delay / 1000} s.`);
      try {
        await sleep(delay, undefined, { signal });
      } catch {
        return null;
      }
    }
  }
}
