import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppOptions } from '../src/app.js';
import { EnvError, loadEnv } from '../src/env.js';
import { createLogger } from '../src/log.js';
import { loggedApp as loggedTestApp, WRITE_TOKEN } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

const DB_PASSWORD = 'pw-"quoted"\\and-long-1234';

describe('the request log', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { seed: false });
  });
  afterAll(() => database?.close());

  /** An app whose log lines land in an array, parsed unless pretty. */
  function loggedApp(options: Partial<AppOptions> = {}) {
    const { app, lines } = loggedTestApp(database, { secrets: [DB_PASSWORD], ...options });
    const post = (body: string, headers: Record<string, string> = {}) =>
      app.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const events = () => lines.map((line) => JSON.parse(line) as Record<string, any>);
    return { app, lines, events, post };
  }

  it('writes one JSON line per request with its id, operation, status, duration and SQL statements', async () => {
    const { events, post } = loggedApp();
    const operation = contractOperation('ConflictTraversal');
    const response = await post(JSON.stringify({ query: operation, variables: { conflicts: 2, articles: 2 } }), { 'x-request-id': 'log-ok-1' });
    expect(response.status).toBe(200);
    const mine = events().filter((event) => event.requestId === 'log-ok-1');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'POST',
      path: '/graphql',
      operation: 'ConflictTraversal',
      status: 200,
      sqlStatements: Number(response.headers.get('x-sql-statements')),
    });
    expect(mine[0]!.sqlStatements).toBeGreaterThan(0);
    expect(mine[0]!.durationMs).toBeGreaterThan(0);
    expect(Date.parse(mine[0]!.time)).toBeGreaterThan(Date.now() - 60_000);

    const bad = await post('{"query": ', { 'x-request-id': 'log-bad-1' });
    expect(bad.status).toBe(400);
    expect(events().find((event) => event.requestId === 'log-bad-1')).toMatchObject({ status: 400, operation: null, sqlStatements: 0 });
  });

  it('logs an unexpected error once, beside its request line, with the request id and no secret', async () => {
    const { lines, events, post } = loggedApp();
    await database.database.db.execute(sql`alter table articles rename to articles_away`);
    try {
      const failed = await post(JSON.stringify({ query: 'query Broken { articles(first: 1) { totalCount } }' }), {
        'x-request-id': 'log-fault-1',
        authorization: `Bearer ${WRITE_TOKEN}`,
      });
      expect((await failed.json()).errors[0].extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'log-fault-1' });
    } finally {
      await database.database.db.execute(sql`alter table articles_away rename to articles`);
    }
    const mine = events().filter((event) => event.requestId === 'log-fault-1');
    expect(mine.map((event) => event.level).sort()).toEqual(['error', 'info']);
    const error = mine.find((event) => event.level === 'error')!;
    expect(error.operation).toBe('Broken');
    expect(error.msg).toContain('relation "articles" does not exist');
    expect(lines.join('\n')).not.toContain(WRITE_TOKEN);
  });

  it('keeps probes and scrapes at debug, and LOG_LEVEL=warn keeps only trouble', async () => {
    const info = loggedApp();
    await info.app.fetch('http://localhost/health');
    await info.app.fetch('http://localhost/metrics');
    expect(info.lines).toEqual([]);

    const debug = loggedApp({ logLevel: 'debug' });
    await debug.app.fetch('http://localhost/health', { headers: { 'x-request-id': 'probe-1' } });
    expect(debug.events()).toMatchObject([{ level: 'debug', path: '/health', status: 200, requestId: 'probe-1' }]);

    const quiet = loggedApp({ logLevel: 'warn' });
    await quiet.post(JSON.stringify({ query: '{ __typename }' }));
    expect(quiet.lines).toEqual([]);
  });

  it('writes a readable line instead of JSON on a terminal', async () => {
    const { lines, post } = loggedApp({ prettyLog: true });
    await post(JSON.stringify({ query: 'query Ping { __typename }' }), { 'x-request-id': 'pretty-1' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d\d:\d\d:\d\d\.\d{3} INFO  request requestId=pretty-1 method=POST path=\/graphql operation=Ping status=200 durationMs=[\d.]+ sqlStatements=0$/);
  });
});

describe('the logger', () => {
  it('redacts secrets however a line spells them: as given, or escaped inside JSON', () => {
    const lines: string[] = [];
    const logger = createLogger({ write: (line) => void lines.push(line), secrets: [DB_PASSWORD, 'tok'] });
    logger.error({ url: `postgres://app:${DB_PASSWORD}@db/news` }, `could not connect with ${DB_PASSWORD}`);
    logger.info('tok is too short to be a secret');
    expect(lines).toHaveLength(2);
    expect(lines[0]).not.toContain(JSON.stringify(DB_PASSWORD).slice(1, -1));
    expect(lines[0]).not.toContain('and-long-1234');
    expect(JSON.parse(lines[0]!)).toMatchObject({ url: 'postgres://app:[redacted]@db/news', msg: 'could not connect with [redacted]' });
    expect(lines[1]).toContain('tok is too short');
  });

  it('takes LOG_LEVEL from the environment, info by default, and names a bad one', () => {
    expect(loadEnv({}).LOG_LEVEL).toBe('info');
    expect(loadEnv({ LOG_LEVEL: 'debug' }).LOG_LEVEL).toBe('debug');
    expect(() => loadEnv({ LOG_LEVEL: 'verbose' })).toThrow(EnvError);
    expect(() => loadEnv({ LOG_LEVEL: 'verbose' })).toThrow('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent');
  });
});
