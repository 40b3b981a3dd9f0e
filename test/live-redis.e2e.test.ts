import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusKey } from '../src/live/events.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { runCli } from './helpers/cli.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';
import { LiveInbox, subscribeSse, until, type SseSubscription } from './helpers/live.js';
import { postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const REDIS_URL = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether Redis answers PING within a second. */
async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: 1_000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

const redisUp = await redisAnswers(REDIS_URL);
const missing = [!postgresUrl && 'TEST_DATABASE_URL is not set', !redisUp && `Redis does not answer at ${REDIS_URL}`].filter(Boolean);
if (missing.length > 0) console.warn(`SKIPPED live updates across two servers through Redis: ${missing.join('; ')}.`);

// Written for these tests.
const PUTIN = (n: number) => ` date 2023-06 Vladimir Poetin sprak in Moskou (${n}) over de oorlog in Oekraïne.\n\nbron: Belga`;
const TALIBAN = ' date 2023-06 De Taliban sluiten in Afghanistan opnieuw scholen voor meisjes.\n\nbron: Belga';
const INGEST = 'mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) { status article { id } } }';
const LIVE = 'subscription Live($filter: ArticleFilter) { articleIngested(filter: $filter) { id title actors { actor { slug } } } }';

describe.skipIf(missing.length > 0)('live updates across two servers through Redis (Postgres)', () => {
  let database: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;
  let baseA: string;
  let baseB: string;
  let redis: Redis;
  let sse: SseSubscription;
  let ws: Client;
  const wsInbox = new LiveInbox(`graphql-ws: ${LIVE}`);
  const cachePrefix = `test:live:${process.pid}:${Date.now()}:`;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
    // Both servers also share a response cache in Redis, under keys of this run only.
    const env = { DATABASE_URL: database.database.url!, REDIS_URL, RESPONSE_CACHE_PREFIX: cachePrefix, WRITE_TOKEN, SEED_ON_START: 'false' };
    [a, b] = [spawnServer(env), spawnServer(env)];
    [baseA, baseB] = await Promise.all([servingAt(a), servingAt(b)]);
    redis = new Redis(REDIS_URL);

    // Two subscribers on server A, over SSE and graphql-ws, to articles about Putin but not the Taliban.
    const filter = { search: 'Poetin', not: { search: 'taliban' } };
    sse = await subscribeSse(fetch, `${baseA}/graphql`, LIVE, { filter });
    expect(sse.status).toBe(200);
    ws = createClient({ url: `${baseA.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    ws.subscribe(
      { query: LIVE, variables: { filter } },
      {
        next: (payload) => wsInbox.push({ kind: 'next', payload: payload as never }),
        error: (error) => wsInbox.push({ kind: 'next', payload: { errors: [{ message: JSON.stringify(error) }] } }),
        complete: () => wsInbox.push({ kind: 'complete' }),
      },
    );
    const channel = `conflict-news:${corpusKey(database.database.url!, undefined)}:articles-ingested`;
    await until(async () => ((await redis.pubsub('NUMSUB', channel)) as [string, number])[1] === 1, 'server A subscribed in Redis');

    // Warm up until both clients hear a matching article, so both are surely listening.
    for (let n = 0; ; n += 1) {
      const warm = await ingestOnB(`warm_${n}`, PUTIN(n));
      const heard = await Promise.all([sse.inbox.nextData(1_000).catch(() => null), wsInbox.nextData(1_000).catch(() => null)]);
      if (heard.every((data) => data?.articleIngested.id === warm.article.id)) break;
      if (n >= 10) throw new Error(`server A did not deliver the warm-up articles: ${JSON.stringify(heard)}\n${a.output()}`);
      await Promise.all([sse.inbox.nextData(1_000).catch(() => null), wsInbox.nextData(1_000).catch(() => null)]);
    }
  }, 120_000);
  afterAll(async () => {
    sse?.close();
    await ws?.dispose();
    await Promise.all([a?.stop(), b?.stop()]);
    const keys = (await redis?.keys(`${cachePrefix}*`)) ?? [];
    if (keys.length > 0) await redis.del(keys);
    redis?.disconnect();
    await database?.close();
  });

  const ingestOnB = async (externalId: string, text: string) => {
    const response = await postGraphQL(baseB, INGEST, { input: { externalId, text } }, { authorization: `Bearer ${WRITE_TOKEN}` });
    expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
    return response.body.data.ingestArticle as { status: string; article: { id: string } };
  };

  it('delivers on server A, over SSE and over graphql-ws, what is ingested through server B and meets the filter', async () => {
    // Announcements reach a subscriber in order: the next one it delivers shows what it skipped.
    const taliban = await ingestOnB('live_taliban', TALIBAN);
    const putin = await ingestOnB('live_putin', PUTIN(100));
    expect([taliban.status, putin.status]).toEqual(['CREATED', 'CREATED']);
    for (const inbox of [sse.inbox, wsInbox]) {
      const delivered = (await inbox.nextData()).articleIngested;
      expect(delivered.id).toBe(putin.article.id);
      expect(delivered.actors.map((link: { actor: { slug: string } }) => link.actor.slug)).toContain('vladimir-putin');
    }
  });

  it('delivers on server A what `npm run ingest` loads with REDIS_URL set, after its batch commits', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'live-cli-'));
    try {
      writeFileSync(join(folder, 'cli_a_taliban.txt'), TALIBAN.replace('scholen', 'universiteiten'));
      writeFileSync(join(folder, 'cli_b_putin.txt'), PUTIN(200));
      const run = await runCli('ingest', [folder], { DATABASE_URL: database.database.url!, REDIS_URL, PGLITE_DIR: '' });
      expect(run.code, run.stderr).toBe(0);
      for (const inbox of [sse.inbox, wsInbox]) {
        expect((await inbox.nextData()).articleIngested.title).toContain('(200)');
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('answers alike on both servers, and shows an article ingested through B on A at once, cached or not', async () => {
    const ask = async (base: string, query: string, variables: Record<string, unknown>) => {
      const response = await postGraphQL(base, query, variables);
      expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
      return response.body.data;
    };
    const putin = `query Actor($slug: String!) { actor(slug: $slug) { name articles(first: 50) { totalCount edges { node { id title } } } } }`;
    const traversal = contractOperation('ConflictTraversal');
    for (const [query, variables] of [[putin, { slug: 'vladimir-putin' }], [traversal, { conflicts: 5, articles: 5 }]] as const) {
      expect(await ask(baseA, query, variables)).toEqual(await ask(baseB, query, variables));
    }
    const before = await ask(baseA, putin, { slug: 'vladimir-putin' });
    const again = await postGraphQL(baseA, putin, { slug: 'vladimir-putin' });
    expect([again.headers.get('x-response-cache'), again.body.data]).toEqual(['hit', before]);

    const written = await ingestOnB('alike_putin', PUTIN(300));
    // The subscribers hear of it too; so the next test's first delivery is its own.
    for (const inbox of [sse.inbox, wsInbox]) expect((await inbox.nextData()).articleIngested.id).toBe(written.article.id);
    const after = await ask(baseA, putin, { slug: 'vladimir-putin' });
    expect(after.actor.articles.totalCount).toBe(before.actor.articles.totalCount + 1);
    expect(after.actor.articles.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(written.article.id);
    expect(await ask(baseB, putin, { slug: 'vladimir-putin' })).toEqual(after);
  });
});
