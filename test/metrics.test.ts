import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type AppOptions } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { EnvError, loadEnv } from '../src/env.js';
import { MAX_OPERATION_LABEL_LENGTH, MAX_OPERATION_LABELS, UNVALIDATED_LABEL } from '../src/http/metrics.js';
import type { TextLinker } from '../src/ingest/ingest.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

const METRICS_TOKEN = 'metrics-token-0123456789';

/** The value of one sample line (`name{labels} value`) of a scrape; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(backends)('GET /metrics on %s', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
  });
  afterAll(() => database?.close());

  function app(options: Partial<AppOptions> = {}) {
    return createApp({
      db: database.database.db,
      linker: database.linker,
      writeToken: WRITE_TOKEN,
      production: true,
      pool: database.database.pool,
      log: () => {},
      ...options,
    });
  }

  const post = (target: ReturnType<typeof app>, query: string, variables: Record<string, unknown> = {}) =>
    target.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

  async function scrape(target: ReturnType<typeof app>, headers: Record<string, string> = {}) {
    const response = await target.fetch('http://localhost/metrics', { headers });
    return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
  }

  it('counts requests, latency and SQL statements per operation, and errors by code', async () => {
    const server = app();
    for (let i = 0; i < 2; i++) expect((await post(server, contractOperation('ConflictTraversal'), { conflicts: 2, articles: 2 })).status).toBe(200);
    await post(server, 'query Page { articles(first: 0) { totalCount } }');
    await database.database.db.execute(sql`alter table articles rename to articles_away`);
    try {
      await post(server, 'query Broken { articles(first: 1) { totalCount } }');
    } finally {
      await database.database.db.execute(sql`alter table articles_away rename to articles`);
    }
    await post(server, '{ __typename }');

    const { status, type, text } = await scrape(server);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(sample(text, 'graphql_requests_total{operation="ConflictTraversal",status="200"}')).toBe(2);
    expect(sample(text, 'graphql_requests_total{operation="anonymous",status="200"}')).toBe(1);
    expect(sample(text, 'graphql_request_duration_seconds_count{operation="ConflictTraversal"}')).toBe(2);
    expect(sample(text, 'graphql_request_duration_seconds_sum{operation="ConflictTraversal"}')).toBeGreaterThan(0);
    expect(sample(text, 'graphql_request_duration_seconds_bucket{le="+Inf",operation="ConflictTraversal"}')).toBe(2);
    const statements = sample(text, 'graphql_request_sql_statements_sum{operation="ConflictTraversal"}')!;
    expect(statements).toBeGreaterThan(0);
    expect(statements % 2).toBe(0);
    expect(sample(text, 'graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(sample(text, 'graphql_errors_total{code="INTERNAL_SERVER_ERROR"}')).toBe(1);
    expect(sample(text, `db_pool_max_connections{driver="${backend}"}`)).toBe(backend === 'pglite' ? 1 : 4);
    expect(sample(text, `db_statements_in_flight{driver="${backend}"}`)).toBe(0);
    // Node's process metrics come along.
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    expect(text).not.toContain(WRITE_TOKEN);

    // A second app keeps its own registry.
    expect(sample((await scrape(app())).text, 'graphql_requests_total{operation="ConflictTraversal",status="200"}')).toBeUndefined();
  });

  it('shows the statements in flight until they are answered', async () => {
    let settled = false;
    const pending = Promise.all([
      database.database.db.execute(sql`select pg_sleep(0.2)`),
      database.database.db.execute(sql`select 1`),
    ]).finally(() => (settled = true));
    let most = 0;
    for (let turn = 0; !settled; turn++) {
      most = Math.max(most, database.database.pool().statementsInFlight);
      // PGlite works in this thread, between microtasks; postgres.js needs the event loop to turn for its sockets.
      await (turn % 50 === 49 ? new Promise((resolve) => setImmediate(resolve)) : Promise.resolve());
    }
    expect(most).toBeGreaterThanOrEqual(1);
    expect(most).toBeLessThanOrEqual(2);
    if (backend === 'postgres') {
      // postgres.js waits on the network: a scrape is answered while the sleep runs.
      // A Drizzle query starts when something waits for it.
      const sleeping = database.database.db.execute(sql`select pg_sleep(0.3)`).then(() => {});
      const during = sample((await scrape(app())).text, 'db_statements_in_flight{driver="postgres"}');
      await sleeping;
      expect(during).toBe(1);
    }
    await pending;
    expect(database.database.pool().statementsInFlight).toBe(0);
    await expect(database.database.db.execute(sql`select * from no_such_table`)).rejects.toThrow();
    await database.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      expect(database.database.pool().statementsInFlight).toBe(0);
    });
    expect(database.database.pool().statementsInFlight).toBe(0);
  });

  it('counts at most a fixed number of distinct operation names', async () => {
    const server = app();
    for (let i = 0; i <= MAX_OPERATION_LABELS; i++) await post(server, `query Invented${i} { __typename }`);
    const { text } = await scrape(server);
    expect(sample(text, 'graphql_requests_total{operation="Invented0",status="200"}')).toBe(1);
    expect(sample(text, `graphql_requests_total{operation="Invented${MAX_OPERATION_LABELS - 1}",status="200"}`)).toBe(1);
    expect(sample(text, `graphql_requests_total{operation="Invented${MAX_OPERATION_LABELS}",status="200"}`)).toBeUndefined();
    expect(sample(text, 'graphql_requests_total{operation="_other",status="200"}')).toBe(1);
  });

  it('labels only names of operations that validated, and none longer than the limit', async () => {
    const lines: string[] = [];
    const server = app({ log: (line) => lines.push(line) });
    const long = `Long${'N'.repeat(100_000)}`;
    const send = (body: Record<string, unknown>) =>
      server.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // Refused before running: an unknown operation name, an unparsable and an invalid document.
    await send({ query: '{ __typename }', operationName: `Claimed${long}` });
    await send({ query: 'query Unparsable {', operationName: 'Unparsable' });
    await send({ query: 'query Invalid { noSuchField }', operationName: 'Invalid' });
    // Validated, but with a name no label may be.
    expect((await send({ query: `query ${long} { __typename }` })).status).toBe(200);
    const exact = `E${'x'.repeat(MAX_OPERATION_LABEL_LENGTH - 1)}`;
    expect((await send({ query: `query ${exact} { __typename }` })).status).toBe(200);

    const { status, text } = await scrape(server);
    expect(status).toBe(200);
    expect(text).not.toMatch(/Claimed|Unparsable|Invalid|NNNN/);
    const unvalidated = text.split('\n').filter((line) => line.startsWith(`graphql_requests_total{operation="${UNVALIDATED_LABEL}",`));
    expect(unvalidated.reduce((sum, line) => sum + Number(line.split(' ')[1]), 0)).toBe(3);
    expect(sample(text, 'graphql_requests_total{operation="_other",status="200"}')).toBe(1);
    expect(sample(text, `graphql_requests_total{operation="${exact}",status="200"}`)).toBe(1);
    expect(text.length).toBeLessThan(100_000);
    // The log lines keep a cut name: the first hundred characters of it.
    const logged = lines.map((line) => JSON.parse(line) as { msg: string; operation?: string }).filter((event) => event.msg === 'request');
    expect(logged).toHaveLength(5);
    expect(logged[0]!.operation).toBe(`Claimed${long}`.slice(0, 100) + '…');
    expect(logged[3]!.operation).toBe(long.slice(0, 100) + '…');
    for (const line of lines) expect(line.length).toBeLessThan(2_000);
  });
});

// Scrapes never reach the database: an empty in-memory one and no linker will do.
const noLinker: TextLinker = {
  linkWithUnknown() {
    throw new Error('these tests do not ingest');
  },
};

describe('who may scrape /metrics', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase();
  });
  afterAll(() => database?.close());

  const app = (metricsToken?: string) => createApp({ db: database.db, linker: noLinker, metricsToken, log: () => {} });


  it('without METRICS_TOKEN: this machine only, not through a proxy', async () => {
    const open = app();
    expect((await open.fetch('http://localhost/metrics')).status).toBe(200);
    const relayed = await open.fetch('http://localhost/metrics', { headers: { 'x-forwarded-for': '203.0.113.9' } });
    expect(relayed.status).toBe(403);
    expect(await relayed.text()).toContain('METRICS_TOKEN');
    expect((await open.fetch('http://localhost/metrics', { method: 'POST' })).status).toBe(405);

    // Over a real socket from the loopback interface.
    const server = createServer(open);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('# TYPE graphql_requests_total counter');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('without METRICS_TOKEN: only for a loopback Host, so a page on a rebound name reads nothing', async () => {
    const open = app();
    expect((await open.fetch('http://127.0.0.1/metrics')).status).toBe(200);
    expect((await open.fetch('http://[::1]:4000/metrics')).status).toBe(200);
    const rebound = await open.fetch('http://attacker.example:4000/metrics');
    expect(rebound.status).toBe(403);
    expect(await rebound.text()).toContain('METRICS_TOKEN');
    // A real socket from the loopback interface with the Host a browser sends for the rebound name.
    const server = createServer(open);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const statusFor = (host: string) =>
        new Promise<number>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, path: '/metrics', headers: { host } }, (res) => {
            res.resume();
            resolve(res.statusCode!);
          });
          req.on('error', reject);
          req.end();
        });
      expect(await statusFor(`attacker.example:${port}`)).toBe(403);
      expect(await statusFor(`localhost:${port}`)).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    // With a token the Host does not matter: a rebound page cannot send the token.
    const guarded = app(METRICS_TOKEN);
    expect((await guarded.fetch('http://attacker.example/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
  });

  it('answers an exception in a hook with a plain 500 and the request id, and logs the whole stack', async () => {
    const lines: string[] = [];
    const broken = createApp({
      db: database.db,
      linker: noLinker,
      log: (line) => lines.push(line),
      pool: () => {
        throw new Error('the pool snapshot exploded');
      },
    });
    const response = await broken.fetch('http://localhost/metrics');
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toMatch(/exploded|\bat |\.ts:|node_modules/);
    const requestId = response.headers.get('x-request-id');
    expect(text).toContain(`request id ${requestId}`);
    const logged = lines.map((line) => JSON.parse(line) as { level: string; msg: string; requestId?: string }).find((e) => e.level === 'error');
    expect(logged?.requestId).toBe(requestId);
    expect(logged?.msg).toContain('Error: the pool snapshot exploded');
    expect(logged?.msg.match(/ ⏎ at /g)?.length).toBeGreaterThan(2);
  });

  it('with METRICS_TOKEN: anyone with the bearer token, no one without', async () => {
    const guarded = app(METRICS_TOKEN);
    const none = await guarded.fetch('http://localhost/metrics');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect((await guarded.fetch('http://localhost/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    const granted = await guarded.fetch('http://localhost/metrics', {
      headers: { authorization: `Bearer ${METRICS_TOKEN}`, 'x-forwarded-for': '203.0.113.9' },
    });
    expect(granted.status).toBe(200);
    expect(await granted.text()).not.toContain(METRICS_TOKEN);
  });

  it('validates METRICS_TOKEN in the environment', () => {
    expect(loadEnv({}).METRICS_TOKEN).toBeUndefined();
    expect(() => loadEnv({ METRICS_TOKEN: 'short' })).toThrow(EnvError);
    expect(() => loadEnv({ METRICS_TOKEN: 'short' })).toThrow('METRICS_TOKEN: must be at least 16 characters');
  });
});
