import { exitWhenFlushed } from './args.js';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { startSoakServer, type SoakServer } from '../bench/soak-server.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../chaos/postgres-cluster.js';
import { postgresRestartScenario, type RestartRound } from '../chaos/postgres-restart.js';
import { startThrowawayRedis } from '../chaos/redis-server.js';
import { redisStallScenario, type RedisStallFigures } from '../chaos/redis-stall.js';
import { startStallProxy } from '../chaos/stall-proxy.js';
import { hostageScenario, type HostageFigures } from '../chaos/hostage.js';
import { backendKillScenario, type BackendKillFigures } from '../chaos/backend-kills.js';
import { hostileInputScenario, type HostileFigures } from '../chaos/hostile-inputs.js';
import { ingestKillScenario, type IngestKillFigures } from '../chaos/ingest-kill.js';

const HELP = `Usage: npm run chaos -- [--rounds 5] [--clients 16] [--down 3] [--statement-timeout 5000] [--only postgres|redis|kills|ingest|hostile]
       npm run chaos -- --only hostage --database-url URL [--hostile 32,64] [--seconds 20]

Runs the fault scenarios against a server (src/main.ts, production mode) on a Postgres cluster of
its own (initdb in a temporary folder, loopback only, a free port, fsync off; needs the Postgres 15
binaries, POSTGRES_BIN overrides where) and a redis-server of its own on a free port; both are
removed at the end. Nothing else is touched, and no traffic leaves 127.0.0.1.

postgres: --rounds times, --clients loops send ConflictTraversal while Postgres stops, stays down
  --down seconds and starts again. Prints per round the time from Postgres accepting connections
  to the first clean answer and to the first of ten clean answers in a row, the longest wait of any
  request, and the error codes seen; a failure must be DATABASE_UNAVAILABLE with Retry-After.
redis: the cache's connection hangs (a proxy stops forwarding) while queries run and an article is
  ingested; prints how long requests waited then, and whether answers after Redis is back were stale.
kills: the server's Postgres connections are terminated every 250 ms for 8 s while --clients loops
  send ConflictTraversal; every clean answer must equal the one before, every failure be
  DATABASE_UNAVAILABLE with Retry-After, and ten clean answers in a row come by themselves after.
ingest: npm run ingest of 300 synthetic articles (batches of 30) is SIGKILLed after two batches and
  run again; every article must be stored once and every counter equal a count from scratch.
hostile: the hostile inputs of issue 15 over HTTP (operation names of 100 KB, filters of 10,000
  terms and 70,000 ids, a filter nested 5,000 deep, NUL in slugs and ids, forged cursors, '-!' and
  '-(' searches, GraphiQL and /metrics for a foreign Host, one client's subscriptions over its
  share): each must be refused naming the input, never with an internal error or a stack.

hostage (only when asked, on a database of yours that holds the synthetic corpus, see README): per
  --hostile count (0 for a baseline), a fresh server and that many clients for --seconds, a third each sending 70
  actors × 100 articles with bodies and texts, the largest answer within the size limit, and that
  one abandoned after 0.5 s; a { __typename } probe every 100 ms. Prints the probe's p50/p99/max,
  the server's event-loop delay (p99/max, from its /metrics), CPU time and peak RSS, the machine's
  load average, the hostile answers by outcome, and how long statements ran on once every client
  had gone. Aim: probe p99 <= 250 ms, peak RSS < 1 GB.

Exits 1 when a scenario missed its aim, 2 on bad options. Bounded: gives up after 10 minutes.`;

class UsageError extends Error {}

const SCENARIOS = ['postgres', 'redis', 'kills', 'ingest', 'hostile', 'hostage'] as const;
type Scenario = (typeof SCENARIOS)[number];

const LIMIT_MS = 10 * 60_000;
/** The server's subscriptions per client: the hostile scenario opens one more. */
const SUBSCRIPTIONS_PER_CLIENT = 20;

function whole(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

function parseOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        rounds: { type: 'string', default: '5' },
        clients: { type: 'string', default: '16' },
        down: { type: 'string', default: '3' },
        'statement-timeout': { type: 'string', default: '5000' },
        only: { type: 'string' },
        'database-url': { type: 'string' },
        hostile: { type: 'string', default: '32,64' },
        seconds: { type: 'string', default: '20' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.only !== undefined && !(SCENARIOS as readonly string[]).includes(values.only)) {
    throw new UsageError(`--only must be one of ${SCENARIOS.join(', ')}, got ${JSON.stringify(values.only)}`);
  }
  if (values.only === 'hostage' && !values['database-url']) {
    throw new UsageError('--only hostage needs --database-url: a Postgres database holding the synthetic corpus');
  }
  return {
    help: values.help,
    rounds: whole('rounds', values.rounds, 1, 20),
    clients: whole('clients', values.clients, 1, 64),
    downMs: whole('down', values.down, 0, 60) * 1000,
    statementTimeoutMs: whole('statement-timeout', values['statement-timeout'], 100, 60_000),
    only: values.only as Scenario | undefined,
    databaseUrl: values['database-url'],
    hostile: values.hostile.split(',').map((count) => whole('hostile', count, 0, 256)),
    seconds: whole('seconds', values.seconds, 1, 300),
  };
}

const ms = (value: number | null) => (value === null ? 'never' : `${(value / 1000).toFixed(2)} s`);

function printRestart(rounds: RestartRound[], statementTimeoutMs: number): boolean {
  console.log('\nPostgres restart under load');
  console.log('round  first clean  10 clean in a row  max stall  answers  codes');
  rounds.forEach((round, i) => {
    const codes = Object.entries(round.codes).map(([code, n]) => `${code} ${n}`).join(', ');
    console.log(
      `${String(i + 1).padStart(5)}  ${ms(round.firstCleanMs).padStart(11)}  ${ms(round.recoveredMs).padStart(17)}  ${ms(round.maxStallMs).padStart(9)}  ${String(round.answers).padStart(7)}  ${codes}`,
    );
  });
  const bad = rounds.flatMap((round) => round.badFailures);
  for (const answer of bad.slice(0, 3)) {
    console.log(`failure that is not DATABASE_UNAVAILABLE with Retry-After: HTTP ${answer.status}, retry-after ${answer.retryAfter}, ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  const recovered = rounds.map((round) => round.recoveredMs);
  const ok =
    bad.length === 0 &&
    recovered.every((value) => value !== null && value <= 2_000) &&
    rounds.every((round) => round.maxStallMs <= statementTimeoutMs);
  console.log(
    `aim (clean within 2 s, no stall over the ${statementTimeoutMs} ms statement timeout, only DATABASE_UNAVAILABLE with Retry-After): ${ok ? 'met' : 'MISSED'}`,
  );
  return ok;
}

function printStall(figures: RedisStallFigures, stallMs: number): boolean {
  const { duringStall: during } = figures;
  console.log(`\nRedis hung for ${stallMs / 1000} s`);
  console.log(
    `queries meanwhile   ${during.answers}, median ${ms(during.medianMs)}, max ${ms(during.maxMs)}, passed the cache by ${during.bypassed}; ${Object.entries(during.codes).map(([code, n]) => `${code} ${n}`).join(', ')}`,
  );
  console.log(`ingest meanwhile    ${figures.ingest.status} in ${ms(figures.ingest.ms)}`);
  console.log(`after Redis is back ${figures.staleAfter} of ${figures.watched} answers stale; fresh at the end: ${figures.freshAtEnd ? 'yes' : 'NO'}; cache hits again after ${ms(figures.cachedAgainMs)}`);
  const ok = figures.staleAfter === 0 && figures.freshAtEnd && Object.keys(during.codes).every((code) => code === 'clean') && during.medianMs < 250;
  console.log(`aim (no stale answer once Redis is back, the hung cache passed by quickly, no errors): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

function printHostage(figures: HostageFigures[]): boolean {
  console.log('\nHostile clients against a { __typename } probe');
  console.log('clients  probe answers  failed  p50       p99       max       loop delay p99/max  server CPU  peak RSS  load  statements after clients left  hostile answers');
  for (const f of figures) {
    const outcomes = Object.entries(f.hostile).map(([key, n]) => `${key} ${n}`).join(', ');
    console.log(
      `${String(f.clients).padStart(7)}  ${String(f.probe.answers).padStart(13)}  ${String(f.probe.failed).padStart(6)}  ${ms(f.probe.p50Ms).padEnd(8)}  ${ms(f.probe.p99Ms).padEnd(8)}  ${ms(f.probe.maxMs).padEnd(8)}  ${(f.eventLoopDelay ? `${ms(f.eventLoopDelay.p99Ms)}/${ms(f.eventLoopDelay.maxMs)}` : '?').padEnd(18)}  ${(f.serverCpuSeconds === null ? '?' : `${f.serverCpuSeconds.toFixed(1)} s`).padEnd(10)}  ${`${f.peakRssMb.toFixed(0)} MiB`.padEnd(8)}  ${f.loadAverage.toFixed(1).padStart(4)}  ${ms(f.drainMs).padEnd(30)}  ${outcomes}`,
    );
  }
  const ok = figures.every((f) => f.probe.p99Ms <= 250 && f.probe.failed === 0 && f.peakRssMb < 1024);
  console.log(`aim (probe p99 <= 250 ms and always answered, peak RSS < 1 GB): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

function printKills(f: BackendKillFigures): boolean {
  console.log('\nServer connections terminated under load');
  const codes = Object.entries(f.codes).map(([code, n]) => `${code} ${n}`).join(', ');
  console.log(`terminated ${f.terminated}; answers ${f.answers} (${codes}); wrong data ${f.wrong.length}; other failures ${f.badFailures.length}; 10 clean in a row ${ms(f.recoveredMs)} after`);
  for (const answer of [...f.wrong, ...f.badFailures].slice(0, 3)) {
    console.log(`  HTTP ${answer.status}, retry-after ${answer.retryAfter}: ${JSON.stringify(answer.body).slice(0, 300)}`);
  }
  const ok = f.terminated > 0 && f.wrong.length === 0 && f.badFailures.length === 0 && f.recoveredMs !== null;
  console.log(`aim (every answer right or DATABASE_UNAVAILABLE with Retry-After, clean again by itself): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

function printIngestKill(f: IngestKillFigures): boolean {
  const drifted = (drift: Record<string, number>) => Object.entries(drift).filter(([, n]) => n > 0).map(([table, n]) => `${table} ${n}`).join(', ') || 'none';
  console.log('\nBulk ingest SIGKILLed and run again');
  console.log(`stored at the kill ${f.storedAtKill} of ${f.articles}; counters off after the kill: ${drifted(f.driftAfterKill)}`);
  console.log(`second run: exit ${f.rerun.exitCode}, ${f.rerun.summary}`);
  console.log(`stored at the end ${f.storedAtEnd} (${f.duplicates} twice); counters off at the end: ${drifted(f.driftAtEnd)}`);
  const exact = (drift: Record<string, number>) => Object.values(drift).every((n) => n === 0);
  const ok = f.rerun.exitCode === 0 && f.storedAtEnd === f.articles && f.duplicates === 0 && exact(f.driftAfterKill) && exact(f.driftAtEnd);
  console.log(`aim (every article once, every counter exact after the kill and at the end): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

function printHostile(f: HostileFigures): boolean {
  console.log('\nHostile inputs');
  for (const c of f.cases) console.log(`${c.problem === null ? 'ok    ' : 'FAILED'}  ${ms(c.ms).padStart(8)}  ${c.name}${c.problem ? `: ${c.problem}` : ''}`);
  const grown = f.rssBeforeMb !== null && f.rssAfterMb !== null ? f.rssAfterMb - f.rssBeforeMb : null;
  console.log(`server RSS ${f.rssBeforeMb?.toFixed(0)} → ${f.rssAfterMb?.toFixed(0)} MiB`);
  const ok = f.cases.every((c) => c.problem === null) && (grown === null || grown < 256);
  console.log(`aim (each refused naming its input or answered, no internals, RSS grown < 256 MiB): ${ok ? 'met' : 'MISSED'}`);
  return ok;
}

async function hostage(options: ReturnType<typeof parseOptions>): Promise<number> {
  const figures: HostageFigures[] = [];
  for (const clients of options.hostile) {
    console.error(`Starting a server on ${options.databaseUrl!.replace(/:[^:@/]*@/, ':***@')} for ${clients} hostile clients …`);
    const server = await startSoakServer(options.databaseUrl!, { SEED_ON_START: 'false' });
    try {
      figures.push(await hostageScenario({ origin: server.origin, pid: server.pid, databaseUrl: options.databaseUrl!, clients, durationMs: options.seconds * 1000 }));
    } finally {
      await server.stop();
    }
  }
  return printHostage(figures) ? 0 : 1;
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (options.help) {
    console.log(HELP);
    return 0;
  }
  if (options.only === 'hostage') return hostage(options);
  const cleanups: (() => Promise<unknown>)[] = [];
  const limit = setTimeout(() => {
    console.error(`chaos: still running after ${LIMIT_MS / 60_000} minutes; giving up`);
    void Promise.allSettled(cleanups.reverse().map((cleanup) => cleanup())).then(() => process.exit(1));
  }, LIMIT_MS);
  let ok = true;
  let server: SoakServer | null = null;
  try {
    console.error('Creating a throw-away Postgres cluster …');
    const postgres: ThrowawayPostgres = await startThrowawayPostgres();
    cleanups.push(() => postgres.remove());
    console.error(`Postgres at ${postgres.url}; starting the server (migrate, seed) …`);
    server = await startSoakServer(postgres.url, {
      STATEMENT_TIMEOUT_MS: String(options.statementTimeoutMs),
      MAX_SUBSCRIPTIONS_PER_CLIENT: String(SUBSCRIPTIONS_PER_CLIENT),
    });
    const running = server;
    cleanups.push(() => running.stop());
    const runs = (scenario: Scenario) => options.only === undefined || options.only === scenario;
    if (runs('postgres')) {
      const rounds = await postgresRestartScenario({
        origin: server.origin,
        postgres,
        rounds: options.rounds,
        clients: options.clients,
        downMs: options.downMs,
        giveUpMs: 40_000,
        progress: (line) => console.error(line),
      });
      ok = printRestart(rounds, options.statementTimeoutMs) && ok;
    }
    if (runs('kills')) {
      console.error(`Terminating the server's connections under ${options.clients} clients …`);
      ok = printKills(await backendKillScenario({ origin: server.origin, databaseUrl: postgres.url, clients: options.clients, durationMs: 8_000, everyMs: 250 })) && ok;
    }
    if (runs('ingest')) {
      console.error('Bulk ingest of 300 synthetic articles, SIGKILLed after two batches, then run again …');
      ok = printIngestKill(await ingestKillScenario({ databaseUrl: postgres.url, articles: 300, batchSize: 30 })) && ok;
    }
    if (runs('hostile')) {
      console.error('Hostile inputs …');
      ok = printHostile(await hostileInputScenario({ origin: server.origin, pid: server.pid, subscriptionsPerClient: SUBSCRIPTIONS_PER_CLIENT })) && ok;
    }
    if (runs('redis')) {
      const redis = await startThrowawayRedis();
      cleanups.push(() => redis.stop());
      const proxy = await startStallProxy({ host: '127.0.0.1', port: redis.port });
      cleanups.push(() => proxy.close());
      console.error(`Redis at ${redis.url}, behind a proxy on port ${proxy.port}; starting a server that caches in it …`);
      const cached = await startSoakServer(postgres.url, {
        STATEMENT_TIMEOUT_MS: String(options.statementTimeoutMs),
        REDIS_URL: `redis://127.0.0.1:${proxy.port}`,
        RESPONSE_CACHE_PREFIX: `chaos:${randomBytes(4).toString('hex')}:`,
      });
      cleanups.push(() => cached.stop());
      const stallMs = 3_000;
      const figures = await redisStallScenario({ origin: cached.origin, proxy, writeToken: cached.writeToken, stallMs, watchMs: 3_000 });
      ok = printStall(figures, stallMs) && ok;
    }
  } finally {
    clearTimeout(limit);
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  }
  if (!ok && server) {
    const lines = server.tail().filter((line) => !line.includes('"msg":"request"'));
    console.error(`The server's last lines besides the request log:\n${lines.join('\n')}`);
  }
  return ok ? 0 : 1;
}

main().then(
  (code) => exitWhenFlushed(code),
  (error: unknown) => {
    if (error instanceof UsageError) console.error(`chaos: ${error.message}\n\n${HELP}`);
    else console.error(error instanceof Error ? error.stack ?? error.message : error);
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
