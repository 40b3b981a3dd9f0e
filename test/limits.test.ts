import { createServer } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, LIMITS } from '../src/app.js';
import { graphiqlEnabled, loadEnv } from '../src/env.js';
import { createArticleEvents } from '../src/live/events.js';
import { subscribeSse, until, type SseSubscription } from './helpers/live.js';
import { MAX_COMPLEXITY } from '../src/graphql/complexity.js';
import { FILTER_TERM_COST, MAX_FILTER_TERMS } from '../src/graphql/filter-size.js';
import { testClient } from './helpers/app.js';
import { contractNames, contractOperation } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

describe('limits that protect the server', () => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    client = testClient(database);
  });
  afterAll(() => database?.close());

  it('lets every contract operation through', async () => {
    for (const name of contractNames()) {
      const body = await client.request(contractOperation(name), { slug: 'russia', first: 100, conflicts: 100, articles: 100, q: 'x', id: 'QWN0b3I6MQ==', input: { externalId: 'x', text: 'x' } });
      const messages = (body.errors ?? []).map((e) => e.message).join('; ');
      expect(messages, name).not.toMatch(/limit of \d+ exceeded|asks for too much/i);
    }
  });

  it('refuses a query nested far deeper than the contract operations', async () => {
    let selection = 'name';
    for (let i = 0; i < 6; i += 1) selection = `conflicts(first: 1) { edges { node { articles(first: 1) { edges { node { actors { actor { ${selection} } } } } } } } }`;
    const error = await client.fail(`{ actor(slug: "russia") { ${selection} } }`);
    expect(error.message).toMatch(new RegExp(`depth limit of ${LIMITS.depth} exceeded`, 'i'));
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('refuses 100 × 100 × 100 nested rows before running anything, and reports the cost of what it runs', async () => {
    database.sqlLog.length = 0;
    const error = await client.fail(`{ conflicts(first: 100) { edges { node { articles(first: 100) { edges { node {
      actors { actor { articles(first: 100) { edges { node { id } } } } } } } } } } } }`);
    expect(error.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.extensions?.cost).toBeGreaterThan(MAX_COMPLEXITY);
    expect(database.sqlLog).toEqual([]);
    const ok = await client.request(contractOperation('ConflictTraversal'), { conflicts: 100, articles: 100 });
    expect(ok.errors).toBeUndefined();
    const cost = (ok as unknown as { extensions: { cost: { complexity: number; limit: number } } }).extensions.cost;
    expect(cost.limit).toBe(MAX_COMPLEXITY);
    expect(cost.complexity).toBeGreaterThan(100 * 100);
    expect(cost.complexity).toBeLessThan(MAX_COMPLEXITY);
  });

  it('refuses a filter of more terms than the limit as BAD_USER_INPUT before any SQL, and counts filter terms in the cost', async () => {
    const query = 'query Filtered($filter: ArticleFilter) { articles(first: 1, filter: $filter) { totalCount } }';
    const costOf = (body: object) => (body as { extensions: { cost: { complexity: number } } }).extensions.cost.complexity;
    // 100 × 100 searches: 10,000 terms, each evaluated per article.
    const searches = { or: Array.from({ length: 100 }, () => ({ or: Array.from({ length: 100 }, (_, i) => ({ search: `woord${i}` })) })) };
    database.sqlLog.length = 0;
    const refused = await client.request(query, { filter: searches });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter', limit: MAX_FILTER_TERMS });
    expect(refused.errors?.[0]?.message).toContain(`at most ${MAX_FILTER_TERMS} terms`);
    expect(database.sqlLog).toEqual([]);
    // 70,000 ids once went past the parameters one statement may have.
    const ids = Array.from({ length: 100 }, (_, i) => Buffer.from(`Actor:${i + 1}`).toString('base64'));
    const wide = { or: Array.from({ length: 100 }, () => ({ or: Array.from({ length: 7 }, () => ({ actors: { any: ids } })) })) };
    expect((await client.request(query, { filter: wide })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter' });

    // At the limit a filter runs, and each term costs.
    const sources = (n: number) => ({ sources: Array.from({ length: n }, (_, i) => `bron${i}`) });
    const atLimit = { and: [sources(99), sources(99)] };
    const ok = await client.request(query, { filter: atLimit });
    expect(ok.errors).toBeUndefined();
    const one = await client.request(query, { filter: sources(1) });
    expect(costOf(ok) - costOf(one)).toBe((MAX_FILTER_TERMS - 1) * FILTER_TERM_COST);
    expect((await client.request(query, { filter: { and: [sources(99), sources(99), {}] } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('weighs the operation a request names, not the first one of its document', async () => {
    const heavy = 'articles(first: 100) { edges { node { title } } }';
    const costOf = (body: object) => (body as { extensions: { cost: { complexity: number } } }).extensions.cost.complexity;
    const alone = await client.request(`query Heavy { ${heavy} }`);
    const response = await client.app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: `query Light { __typename } query Heavy { ${heavy} }`, operationName: 'Heavy' }),
    });
    const named = (await response.json()) as object;
    expect(costOf(alone)).toBeGreaterThan(100);
    expect(costOf(named)).toBe(costOf(alone));
  });

  it('suggests field names in development only', async () => {
    const typo = '{ conflicts(first: 1) { edges { node { nmae } } } }';
    expect((await client.fail(typo)).message).toMatch(/Did you mean "name"/);
    const production = await testClient(database, { production: true }).fail(typo);
    expect(production.message).toContain('Cannot query field "nmae"');
    expect(production.message).not.toMatch(/Did you mean/);
  });

  it('refuses too many aliases, tokens and directives', async () => {
    const aliases = Array.from({ length: LIMITS.aliases + 1 }, (_, i) => `a${i}: conflicts(first: 1) { totalCount }`).join(' ');
    const tooMany = await client.fail(`{ ${aliases} }`);
    expect(tooMany.message).toMatch(new RegExp(`aliases limit of ${LIMITS.aliases} exceeded`, 'i'));
    expect(tooMany.code).toBe('QUERY_TOO_COMPLEX');
    const tokens = Array.from({ length: LIMITS.tokens }, () => 'slug').join(' ');
    expect((await client.fail(`{ actor(slug: "russia") { ${tokens} } }`)).message).toMatch(new RegExp(`token limit of ${LIMITS.tokens} exceeded`, 'i'));
    const directives = Array.from({ length: LIMITS.directives + 1 }, () => '@include(if: true)').join(' ');
    expect((await client.fail(`{ actor(slug: "russia") { slug ${directives} } }`)).message).toMatch(
      new RegExp(`directives limit of ${LIMITS.directives} exceeded`, 'i'),
    );
  });

  it('refuses a request body over the limit with 413 before reading it', async () => {
    const response = await client.app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(LIMITS.bodyBytes + 1) },
      body: JSON.stringify({ query: '{ __typename }', padding: 'x'.repeat(LIMITS.bodyBytes) }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses a body over the limit that comes without a Content-Length (chunked) as it is read, and reads one within it', async () => {
    const chunked = (text: string) => {
      const bytes = new TextEncoder().encode(text);
      const piece = 64 * 1024;
      let at = 0;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (at >= bytes.length) return controller.close();
          controller.enqueue(bytes.subarray(at, (at += piece)));
        },
      });
    };
    const post = (text: string) =>
      client.app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked(text),
        duplex: 'half',
      } as RequestInit);
    // A comment makes the query as long as asked without adding tokens.
    const padded = (bytes: number) => JSON.stringify({ query: `{ __typename }\n# ${'x'.repeat(bytes)}` });
    const over = await post(padded(LIMITS.bodyBytes));
    expect(over.status).toBe(413);
    const refused = (await over.json()) as { errors: { extensions: { code: string } }[] };
    expect(refused.errors[0]!.extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const within = await post(padded(LIMITS.bodyBytes / 2));
    expect(within.status).toBe(200);
    expect(await within.json()).toMatchObject({ data: { __typename: 'Query' } });
  });
});

describe('subscriptions per client', () => {
  it('lets one client (remote address) hold at most the configured number of subscriptions, others not affected', async () => {
    const database = await openTestDatabase('pglite', { seed: false });
    const events = createArticleEvents({ corpus: 'per-client-test' });
    const opened: SseSubscription[] = [];
    try {
      const app = createApp({ db: database.database.db, linker: database.linker, events, maxSubscriptionsPerClient: 2 });
      // The Node request's socket, as the HTTP server hands it to the app.
      const fetchWith = app.fetch as (url: string, init: RequestInit, serverContext: object) => Promise<Response>;
      const from = (remoteAddress: string) => (url: string, init: RequestInit) => fetchWith(url, init, { req: { socket: { remoteAddress } } });
      const subscribe = async (address: string) => {
        const subscription = await subscribeSse(from(address), 'http://localhost/graphql', 'subscription { articleIngested { id } }');
        opened.push(subscription);
        return subscription;
      };
      const firstCode = async (subscription: SseSubscription) => {
        const message = await subscription.inbox.next();
        return message.kind === 'next' ? message.payload.errors?.[0]?.extensions?.code : message.kind;
      };
      await subscribe('198.51.100.7');
      await subscribe('::ffff:198.51.100.7');
      await until(() => events.open === 2, 'two subscriptions listening');
      expect(await firstCode(await subscribe('198.51.100.7'))).toBe('TOO_MANY_SUBSCRIPTIONS');
      await subscribe('203.0.113.9');
      await until(() => events.open === 3, 'another client listening');

      // Over a real socket, where closing the connection ends the subscription and frees its slot.
      const server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
        const overHttp = async () => {
          const subscription = await subscribeSse((u, init) => fetch(u, init), url, 'subscription { articleIngested { id } }');
          opened.push(subscription);
          return subscription;
        };
        const first = await overHttp();
        await overHttp();
        await until(() => events.open === 5, 'two subscriptions over HTTP listening');
        expect(await firstCode(await overHttp())).toBe('TOO_MANY_SUBSCRIPTIONS');
        first.close();
        await until(() => events.open === 4, 'the closed subscription ended');
        await overHttp();
        await until(() => events.open === 5, 'the client subscribed again');
      } finally {
        for (const subscription of opened) subscription.close();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    } finally {
      for (const subscription of opened) subscription.close();
      await events.close();
      await database.close();
    }
  });
});

describe('GraphiQL', () => {
  it('is built once and sent compressed with an ETag; off when asked, and off in production unless GRAPHIQL=on', async () => {
    const database = await openTestDatabase('pglite', { seed: false });
    try {
      const app = createApp({ db: database.database.db, linker: database.linker });
      const page = (headers: Record<string, string>) => Promise.resolve(app.fetch('http://localhost/graphql', { headers: { accept: 'text/html', ...headers } }));
      const br = await page({ 'accept-encoding': 'gzip, deflate, br' });
      expect(br.status).toBe(200);
      expect(br.headers.get('content-encoding')).toBe('br');
      expect(br.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const etag = br.headers.get('etag')!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      const compressed = Buffer.from(await br.arrayBuffer());
      const html = brotliDecompressSync(compressed).toString('utf8');
      expect(html).toContain('query ConflictTraversal');
      // The page is some 9 MB; compressed a fifth of that.
      expect(compressed.length).toBeLessThan(html.length / 3);

      const gz = await page({ 'accept-encoding': 'gzip;q=1, br;q=0' });
      expect(gz.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('utf8')).toBe(html);
      const plain = await page({});
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(await plain.text()).toBe(html);
      expect(plain.headers.get('etag')).toBe(etag);

      const again = await page({ 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');

      const off = createApp({ db: database.database.db, linker: database.linker, graphiql: false });
      const refused = await off.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
      expect(await refused.text()).not.toContain('<html');

      expect(graphiqlEnabled(loadEnv({ NODE_ENV: 'production' }))).toBe(false);
      expect(graphiqlEnabled(loadEnv({ NODE_ENV: 'production', GRAPHIQL: 'on' }))).toBe(true);
      expect(graphiqlEnabled(loadEnv({}))).toBe(true);
      expect(graphiqlEnabled(loadEnv({ GRAPHIQL: 'off' }))).toBe(false);
      expect(() => loadEnv({ GRAPHIQL: 'yes' })).toThrow('GRAPHIQL: must be on or off');
      expect(loadEnv({}).MAX_SUBSCRIPTIONS_PER_CLIENT).toBe(100);
      expect(() => loadEnv({ MAX_SUBSCRIPTIONS_PER_CLIENT: '0' })).toThrow('MAX_SUBSCRIPTIONS_PER_CLIENT: must be at least 1');
    } finally {
      await database.close();
    }
  });
});

describe('health and readiness', () => {
  it('answers /health while running and /ready only when the database is migrated and reachable', async () => {
    const database = await openTestDatabase('pglite', { seed: false });
    try {
      const { app } = testClient(database);
      expect((await app.fetch('http://localhost/health')).status).toBe(200);
      expect((await app.fetch('http://localhost/ready')).status).toBe(200);
      await database.database.db.execute(sql`delete from drizzle.__drizzle_migrations where id = (select max(id) from drizzle.__drizzle_migrations)`);
      expect((await app.fetch('http://localhost/ready')).status).toBe(503);
      await database.close();
      expect((await app.fetch('http://localhost/ready')).status).toBe(503);
      expect((await app.fetch('http://localhost/health')).status).toBe(200);
    } finally {
      await database.close().catch(() => {});
    }
  });
});
