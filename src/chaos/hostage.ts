import { loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import postgres from 'postgres';
import { cpuTicks, procStatusMb } from '../bench/server.js';

/** The attack: 70 actors × 100 articles with their bodies and texts, well within the cost limit. */
export const HUGE_QUERY =
  '{ actors(first: 70, kinds: [STATE]) { edges { node { name articles(first: 100) { edges { node { title body text } } } } } } }';
/** Just within the predicted answer-size limit (24 MiB): 55 actors × 100 articles with their bodies. */
export const LARGEST_QUERY = '{ actors(first: 55, kinds: [STATE]) { edges { node { name articles(first: 100) { edges { node { title body } } } } } } }';
const PROBE_QUERY = '{ __typename }';

/** Sends the probe every 100 ms for `ms`, then posts the latencies (ms) and how many failed. */
const PROBE_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { origin, query, ms } = workerData;
  const until = performance.now() + ms;
  const times = [];
  let failed = 0;
  while (performance.now() < until) {
    const started = performance.now();
    try {
      const response = await fetch(origin + '/graphql', { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'probe-' + times.length }, body: JSON.stringify({ query }), signal: AbortSignal.timeout(60000) });
      const text = await response.text();
      if (response.status !== 200 || !text.includes('"__typename":"Query"')) failed += 1;
    } catch {
      failed += 1;
    }
    times.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  parentPort.postMessage({ times, failed });
})();
`;

export interface HostageOptions {
  origin: string;
  /** The server's pid, for its resident set size. */
  pid: number;
  /** The server's database, to see its statements in pg_stat_activity once the clients are gone. */
  databaseUrl: string;
  clients: number;
  durationMs: number;
}

export interface HostageFigures {
  clients: number;
  probe: { answers: number; failed: number; p50Ms: number; p99Ms: number; maxMs: number };
  /** Answers of the hostile clients by outcome (clean, an error code, HTTP status, ABANDONED). */
  hostile: Record<string, number>;
  peakRssMb: number;
  /** The server's event-loop delay over the attack (ms, from its /metrics): how long callbacks waited for the loop. */
  eventLoopDelay: { p99Ms: number; maxMs: number } | null;
  /** CPU time the server used during the attack, in seconds (null off Linux). */
  serverCpuSeconds: number | null;
  /** The machine's 1-minute load average when the attack ended: the probe shares the cores with everything else. */
  loadAverage: number;
  /** How long the server's statements went on after every client had gone (null: still running after 60 s). */
  drainMs: number | null;
}

async function post(origin: string, query: string, signal: AbortSignal): Promise<string> {
  try {
    const response = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal,
    });
    const text = await response.text();
    if (response.status !== 200) {
      const code = /"code":"([A-Z_]+)"/.exec(text)?.[1];
      return code ?? `HTTP ${response.status}`;
    }
    return /"code":"([A-Z_]+)"/.exec(text.slice(0, 2000))?.[1] ?? 'clean';
  } catch {
    return signal.aborted ? 'ABANDONED' : 'TRANSPORT';
  }
}

/** The event-loop delay the server measured since the last scrape of its /metrics (prom-client resets it on each). */
async function eventLoopDelay(origin: string): Promise<{ p99Ms: number; maxMs: number } | null> {
  try {
    const text = await (await fetch(`${origin}/metrics`, { signal: AbortSignal.timeout(30_000) })).text();
    const value = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) * 1000;
    const p99Ms = value('nodejs_eventloop_lag_p99_seconds');
    const maxMs = value('nodejs_eventloop_lag_max_seconds');
    return Number.isFinite(p99Ms) && Number.isFinite(maxMs) ? { p99Ms, maxMs } : null;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * `clients` hostile loops for `durationMs`, a third each sending the huge query, the largest
 * admissible one, and the largest one abandoned after half a second, while a probe sends
 * `{ __typename }` every 100 ms; the server's RSS is sampled meanwhile. Then every client goes
 * away at once and the time until the server's last statement ends is measured.
 */
export async function hostageScenario(options: HostageOptions): Promise<HostageFigures> {
  const stop = new AbortController();
  const hostile: Record<string, number> = {};
  const count = (outcome: string) => (hostile[outcome] = (hostile[outcome] ?? 0) + 1);
  let peakRssMb = procStatusMb(options.pid, 'VmRSS') ?? 0;
  const sampler = setInterval(() => (peakRssMb = Math.max(peakRssMb, procStatusMb(options.pid, 'VmRSS') ?? 0)), 100);
  await eventLoopDelay(options.origin);
  const ticksBefore = cpuTicks(options.pid);
  const until = performance.now() + options.durationMs;
  const loop = async (index: number) => {
    while (!stop.signal.aborted && performance.now() < until) {
      const kind = index % 3;
      const query = kind === 0 ? HUGE_QUERY : LARGEST_QUERY;
      const signal = kind === 2 ? AbortSignal.any([stop.signal, AbortSignal.timeout(500)]) : stop.signal;
      const outcome = await post(options.origin, query, signal);
      count(outcome);
      if (outcome === 'TRANSPORT' || outcome === 'SERVER_BUSY') await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  // The probe runs on a thread of its own: the hostile clients' answers keep this thread busy, and
  // their reading would count as the server's latency.
  const probeTimes: number[] = [];
  let probeFailed = 0;
  const probe = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(PROBE_WORKER, { eval: true, workerData: { origin: options.origin, query: PROBE_QUERY, ms: options.durationMs } });
      worker.on('message', (result: { times: number[]; failed: number }) => {
        probeTimes.push(...result.times);
        probeFailed = result.failed;
      });
      worker.on('error', reject);
      worker.on('exit', () => resolve());
    });
  const loops = Promise.all(Array.from({ length: options.clients }, (_, i) => loop(i)));
  await probe();
  const delay = await eventLoopDelay(options.origin);
  const loadAverage = loadavg()[0]!;
  const ticksAfter = cpuTicks(options.pid);
  // Linux counts CPU time in ticks of 1/100 s.
  const serverCpuSeconds = ticksBefore !== null && ticksAfter !== null ? (ticksAfter - ticksBefore) / 100 : null;
  stop.abort();
  await loops;
  const gone = performance.now();
  const sql = postgres(options.databaseUrl, { max: 1, onnotice: () => {} });
  let drainMs: number | null = null;
  try {
    while (performance.now() - gone < 60_000) {
      const [row] = await sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity
        where datname = current_database() and application_name = 'conflict-news-graphql' and state = 'active'`;
      if (row!.n === 0) {
        drainMs = performance.now() - gone;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await sql.end();
  }
  clearInterval(sampler);
  peakRssMb = Math.max(peakRssMb, procStatusMb(options.pid, 'VmHWM') ?? 0);
  const sorted = [...probeTimes].sort((a, b) => a - b);
  return {
    clients: options.clients,
    probe: { answers: sorted.length, failed: probeFailed, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? 0 },
    hostile,
    peakRssMb,
    eventLoopDelay: delay,
    loadAverage,
    serverCpuSeconds,
    drainMs,
  };
}
