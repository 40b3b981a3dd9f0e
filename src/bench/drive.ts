import autocannon from 'autocannon';
import type postgres from 'postgres';
import type { FloorCall } from './floor.js';
import { summarize, type Figures } from './stats.js';

/** One body in this many is parsed and checked for the expected data (all are scanned for an `errors` key). */
const CHECK_EVERY = 25;

export interface HttpLoad {
  /** `http://host:port` of the server. */
  origin: string;
  /** Request bodies (operation and variables as JSON), sent in turn by each connection. */
  bodies: string[];
  connections: number;
  seconds: number;
  /** Whether a response's `data` is what the operation should return. */
  check: (data: Record<string, any>) => boolean;
}

/**
 * Drives the server with autocannon (closed loop: each connection sends its next request when the
 * last one is answered). Latencies are taken from autocannon's response events, in fractions of a
 * millisecond, so that they compare with the SQL floor's.
 */
export async function driveHttp(
  load: HttpLoad,
): Promise<Figures & { errorDetail: Record<string, number>; cache: { hits: number; misses: number } }> {
  const latencies: number[] = [];
  const detail = { non2xx: 0, transport: 0, timeouts: 0, graphqlErrors: 0, badBodies: 0 };
  // From each answer's x-response-cache header (absent when the server runs without a cache).
  const cache = { hits: 0, misses: 0 };
  let responses = 0;
  let checkedBodies = 0;
  const onResponse = (status: number, body: string, _context: unknown, headers?: Record<string, string | string[] | undefined>) => {
    const cached = headers?.['x-response-cache'];
    if (cached === 'hit') cache.hits += 1;
    else if (cached === 'miss') cache.misses += 1;
    if (status < 200 || status >= 300) return;
    // Article text is JSON-escaped, so an unescaped `"errors":` can only be the response's own key.
    if (body.includes('"errors":')) detail.graphqlErrors += 1;
    else if (responses % CHECK_EVERY === 0) {
      checkedBodies += 1;
      let ok = false;
      try {
        const parsed = JSON.parse(body) as { data?: Record<string, any> | null };
        ok = Boolean(parsed.data) && load.check(parsed.data!);
      } catch {
        ok = false;
      }
      if (!ok) detail.badBodies += 1;
    }
  };
  const instance = autocannon({
    url: `${load.origin}/graphql`,
    connections: load.connections,
    duration: load.seconds,
    timeout: 30,
    requests: requestsOf(load.bodies, onResponse),
  });
  // Without a callback autocannon returns its instance (an event emitter) made thenable; the types
  // only know the promise side.
  const running = instance as unknown as autocannon.Instance & Promise<autocannon.Result>;
  running.on('response', (_client, status, _bytes, responseTime) => {
    responses += 1;
    if (status >= 200 && status < 300) latencies.push(responseTime);
  });
  const result = await running;
  detail.non2xx = result.non2xx;
  detail.transport = result.errors;
  detail.timeouts = result.timeouts;
  const errors = detail.non2xx + detail.transport + detail.graphqlErrors + detail.badBodies;
  return { ...summarize(latencies, responses, errors, result.duration), checkedBodies, errorDetail: detail, cache };
}

type OnResponse = (status: number, body: string, context: unknown, headers?: Record<string, string | string[] | undefined>) => void;

function requestsOf(bodies: string[], onResponse?: OnResponse): autocannon.Request[] {
  return bodies.map((body) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body,
    ...(onResponse ? { onResponse } : {}),
  }));
}

/** A short load whose figures are thrown away: JIT, connection pools and the buffer cache warm up. */
export async function warmHttp(load: Omit<HttpLoad, 'connections' | 'check'>): Promise<void> {
  await autocannon({ url: `${load.origin}/graphql`, connections: 16, duration: load.seconds, timeout: 30, requests: requestsOf(load.bodies) });
}

/**
 * Runs the floor statements in turn with `inFlight` statements outstanding at any time (closed
 * loop, like autocannon's connections) for `seconds`.
 */
export async function driveSql(sql: postgres.Sql, calls: FloorCall[], inFlight: number, seconds: number): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const call = calls[next++ % calls.length]!;
      const sent = performance.now();
      try {
        const rows = await sql.unsafe(call.text, call.params);
        if (rows.length === 0 || rows[0]!.result == null) errors += 1;
        else latencies.push(performance.now() - sent);
      } catch {
        errors += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  const elapsed = (performance.now() - started) / 1000;
  return summarize(latencies, latencies.length + errors, errors, elapsed);
}
