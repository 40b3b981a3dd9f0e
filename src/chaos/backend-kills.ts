import postgres from 'postgres';
import { ask, drive, isClean, tally, type Answer } from './load.js';
import { CLEAN_STREAK, isCleanFailure, TRAVERSAL } from './postgres-restart.js';
import { sleep } from './processes.js';

export interface BackendKillOptions {
  /** The server under test. */
  origin: string;
  /** Its database, from which its connections (application_name conflict-news-graphql) are terminated. */
  databaseUrl: string;
  clients: number;
  /** How long connections are terminated, every `everyMs`. */
  durationMs: number;
  everyMs: number;
}

export interface BackendKillFigures {
  /** Server connections terminated. */
  terminated: number;
  answers: number;
  codes: Record<string, number>;
  /** Answers without errors whose data differs from the answer before any connection was terminated. */
  wrong: Answer[];
  /** Failures other than DATABASE_UNAVAILABLE with Retry-After, or that show the driver's words. */
  badFailures: Answer[];
  /** From the last termination (once its backends were gone) to the first of CLEAN_STREAK clean answers in a row; null when none came within 30 s. */
  recoveredMs: number | null;
}

const OPERATION = { query: TRAVERSAL, variables: { conflicts: 5, articles: 3 } };
// The driver's or Postgres's own words, or a file of ours, in what a client sees.
const DRIVER_TEXT = /terminat|administrator|postgres|57P0|ECONN|CONNECTION_|relation|select |\.ts:\d+/i;

/**
 * Terminates the server's Postgres connections (pg_terminate_backend) every `everyMs` for
 * `durationMs` while `clients` loops send ConflictTraversal. The data cannot change meanwhile, so
 * every clean answer must equal the one before the first termination (no answer built from a
 * poisoned connection's leftovers, no zero or empty list taken for data), and every failure must be
 * DATABASE_UNAVAILABLE with Retry-After. Then the server must answer cleanly again by itself.
 */
export async function backendKillScenario(options: BackendKillOptions): Promise<BackendKillFigures> {
  const reference = await ask(options.origin, OPERATION);
  if (!isClean(reference)) throw new Error(`the server does not answer before any termination: ${JSON.stringify(reference.body).slice(0, 500)}`);
  const expected = JSON.stringify(reference.body.data);
  const admin = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  const victims: number[] = [];
  try {
    const load = drive(options.origin, OPERATION, options.clients, options.durationMs + 60_000);
    for (const until = performance.now() + options.durationMs; performance.now() < until; ) {
      await sleep(options.everyMs);
      // In the select list, the function runs for the rows the filter kept only.
      const rows = await admin<{ pid: number; terminated: boolean }[]>`
        select pid, pg_terminate_backend(pid) as terminated from pg_stat_activity
        where application_name = 'conflict-news-graphql' and datname = current_database()`;
      victims.push(...rows.filter((row) => row.terminated).map((row) => row.pid));
    }
    // pg_terminate_backend only signals: recovery counts from when the last victims are gone.
    for (let wait = 0; wait < 100; wait += 1) {
      const [row] = await admin<{ alive: number }[]>`select count(*)::int as alive from pg_stat_activity where pid = any(${victims}::int[])`;
      if (row!.alive === 0) break;
      await sleep(100);
    }
    const calm = performance.now();
    let streak = 0;
    let recoveredMs: number | null = null;
    while (recoveredMs === null && performance.now() - calm < 30_000) {
      const fresh = load.answers.filter((answer) => answer.startedAt >= calm).sort((a, b) => a.endedAt - b.endedAt);
      streak = 0;
      for (const answer of fresh) {
        streak = isClean(answer) ? streak + 1 : 0;
        if (streak === CLEAN_STREAK) {
          recoveredMs = answer.endedAt - calm;
          break;
        }
      }
      if (recoveredMs === null) await sleep(100);
    }
    const answers = await load.stop();
    return {
      terminated: victims.length,
      answers: answers.length,
      codes: tally(answers),
      wrong: answers.filter((answer) => isClean(answer) && JSON.stringify(answer.body.data) !== expected),
      badFailures: answers.filter((answer) => !isClean(answer) && (!isCleanFailure(answer) || DRIVER_TEXT.test(JSON.stringify(answer.body)))),
      recoveredMs,
    };
  } finally {
    await admin.end();
  }
}
