import { readFileSync } from 'node:fs';
import { drive, isClean, spread, tally, type Answer } from './load.js';
import { sleep } from './processes.js';
import type { ThrowawayPostgres } from './postgres-cluster.js';

/** Clean answers in a row after which the server counts as recovered. */
export const CLEAN_STREAK = 10;

export const TRAVERSAL = readFileSync(new URL('../../schema/operations/ConflictTraversal.graphql', import.meta.url), 'utf8');

export interface RestartOptions {
  /** The server under test, serving from `postgres`. */
  origin: string;
  postgres: ThrowawayPostgres;
  rounds: number;
  clients: number;
  /** How long Postgres stays down in each round. */
  downMs: number;
  /** How long after Postgres is back a round waits for the clean streak before it gives up. */
  giveUpMs: number;
  /** Called before and after each step, for a progress line. */
  progress?: ((line: string) => void) | undefined;
}

export interface RestartRound {
  /** From Postgres accepting connections again to the first clean answer; null when none came. */
  firstCleanMs: number | null;
  /** From Postgres accepting connections again to the first of CLEAN_STREAK clean answers in a row; null when no such streak came. */
  recoveredMs: number | null;
  /** The longest any request of the round waited for its answer. */
  maxStallMs: number;
  /** Error codes (and `clean`) over the round's answers. */
  codes: Record<string, number>;
  /** Answers with an error that is not DATABASE_UNAVAILABLE, or without a Retry-After header, or not JSON. */
  badFailures: Answer[];
  answers: number;
}

/** The first of `streak` clean answers in a row among those that came after `since`, in the order they came. */
function streakStart(answers: Answer[], since: number, streak: number): Answer | null {
  let run = 0;
  const after = answers.filter((answer) => answer.endedAt >= since).sort((a, b) => a.endedAt - b.endedAt);
  for (let i = 0; i < after.length; i += 1) {
    run = isClean(after[i]!) ? run + 1 : 0;
    if (run === streak) return after[i - streak + 1]!;
  }
  return null;
}

/** A failure as it must look while the database is away: DATABASE_UNAVAILABLE only, with Retry-After. */
export function isCleanFailure(answer: Answer): boolean {
  return answer.codes.length > 0 && answer.codes.every((code) => code === 'DATABASE_UNAVAILABLE') && answer.retryAfter !== null;
}

/**
 * Restarts Postgres under load, `rounds` times: `clients` loops send the contract's
 * ConflictTraversal while Postgres stops (fast shutdown), stays down for `downMs` and starts again.
 * Each round measures how soon after Postgres accepts connections the answers are clean again,
 * the longest wait of any request, and what the failures in between looked like.
 */
export async function postgresRestartScenario(options: RestartOptions): Promise<RestartRound[]> {
  const operation = { query: TRAVERSAL, variables: { conflicts: 5, articles: 3 } };
  const rounds: RestartRound[] = [];
  for (let round = 1; round <= options.rounds; round += 1) {
    const load = drive(options.origin, operation, options.clients, options.downMs + options.giveUpMs + 30_000);
    await sleep(500);
    options.progress?.(`round ${round}: stopping Postgres under ${options.clients} clients`);
    await options.postgres.stop();
    await sleep(options.downMs);
    const up = await options.postgres.start();
    options.progress?.(`round ${round}: Postgres accepts connections again`);
    let recovered: Answer | null = null;
    for (const deadline = up + options.giveUpMs; !recovered && performance.now() < deadline; await sleep(100)) {
      recovered = streakStart(load.answers, up, CLEAN_STREAK);
    }
    // A little longer, so requests that stalled are in the figures.
    await sleep(500);
    const answers = await load.stop();
    const firstClean = answers.filter((answer) => answer.endedAt >= up && isClean(answer)).sort((a, b) => a.endedAt - b.endedAt)[0];
    rounds.push({
      firstCleanMs: firstClean ? Math.max(0, firstClean.endedAt - up) : null,
      recoveredMs: recovered ? Math.max(0, recovered.endedAt - up) : null,
      maxStallMs: spread(answers.map((answer) => answer.endedAt - answer.startedAt)).max,
      codes: tally(answers),
      badFailures: answers.filter((answer) => !isClean(answer) && !isCleanFailure(answer)),
      answers: answers.length,
    });
    // Settle before the next round: the clean streak again, without load.
    await sleep(1_000);
  }
  return rounds;
}
