import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createResponseCache, type ResponseCache } from '../src/cache/response-cache.js';
import { storeArticle } from '../src/ingest/store.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { runCli } from './helpers/cli.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';
import { parsedArticle } from './helpers/factories.js';

const redisUrl = process.env.TEST_REDIS_URL || 'redis://127.0.0.1:6379';

/** Whether something answers on Redis's port within a second. */
async function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(Number(port || 6379), hostname, () => done(true));
  });
}

const redisUp = await reachable(redisUrl);
if (!redisUp) console.warn(`response-cache.test.ts: no Redis at ${redisUrl} (TEST_REDIS_URL), so the response cache is not tested.`);

const CONFLICT = `query ($slug: String!) {
  conflict(slug: $slug) { id name articles(first: 50) { totalCount edges { node { externalId } } } }
}`;
const ACTOR = `query ($slug: String!) { actor(slug: $slug) { id name } }`;
const LATEST = `{ articles(first: 3) { totalCount } }`;
const BY_EXTERNAL_ID = `query ($externalId: String!) { article(externalId: $externalId) { id title } }`;
const INGEST = `mutation ($input: IngestArticleInput!) { ingestArticle(input: $input) { status article { id } } }`;

const ARTICLE = ` date 2022-05 Oekraïne meldt nieuwe Russische aanvallen; president Vladimir Poetin spreekt van een succes.

De NAVO roept Moskou op de troepen terug te trekken.

bron: Belga`;

interface Answer {
  body: { data?: any; errors?: { extensions?: { code?: unknown } }[] };
  cache: string | null;
  statements: number;
}

describe.skipIf(!redisUp)('shared response cache in Redis', () => {
  // Every key of this file lives under its own prefix, removed at the end.
  const prefix = `test:${randomBytes(6).toString('hex')}:`;
  let database: TestDatabase;
  const caches: ResponseCache[] = [];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
  });
  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    const admin = new Redis(redisUrl);
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(keys);
    admin.disconnect();
    await database?.close();
  });

  /** One server instance with its own Redis connection; instances share the cache through Redis. */
  async function instance(on: TestDatabase = database, keys = prefix) {
    // What is kept and dropped, not the circuit breaker (test/cache-faults.test.ts): a command slower
    // than the production half second on a busy machine must not bypass the cache mid-test.
    const cache = createResponseCache({ url: redisUrl, prefix: keys, warn: (line) => console.error(line), commandTimeoutMs: 5_000 });
    caches.push(cache);
    expect(await cache.connect()).toBe(true);
    const app = createApp({ db: on.database.db, linker: on.linker, writeToken: WRITE_TOKEN, responseCache: cache });
    return async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<Answer> => {
      const response = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return {
        body: (await response.json()) as Answer['body'],
        cache: response.headers.get('x-response-cache'),
        statements: Number(response.headers.get('x-sql-statements')),
      };
    };
  }

  it('answers a repeated query from the cache without any SQL, per variables', async () => {
    const ask = await instance();
    const first = await ask(CONFLICT, { slug: 'syrian-civil-war' });
    expect(first.body.errors).toBeUndefined();
    expect(first).toMatchObject({ cache: 'miss' });
    expect(first.statements).toBeGreaterThan(0);

    const second = await ask(CONFLICT, { slug: 'syrian-civil-war' });
    expect(second).toMatchObject({ cache: 'hit', statements: 0 });
    expect(second.body).toEqual(first.body);

    const other = await ask(CONFLICT, { slug: 'war-in-afghanistan-2001-2021' });
    expect(other.cache).toBe('miss');
    expect(other.body.data.conflict.name).not.toBe(first.body.data.conflict.name);
  });

  it('caches no answer with errors and no mutation', async () => {
    const ask = await instance();
    for (let i = 0; i < 2; i += 1) {
      const bad = await ask(`{ articles(first: 1000) { totalCount } }`);
      expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(bad.cache).toBe('miss');
    }
    const input = { externalId: 'cache_mutation_twice', text: ARTICLE.replace('succes', 'triomf') };
    const auth = { authorization: `Bearer ${WRITE_TOKEN}` };
    const created = await ask(INGEST, { input }, auth);
    const again = await ask(INGEST, { input }, auth);
    expect([created.body.data.ingestArticle.status, again.body.data.ingestArticle.status]).toEqual(['CREATED', 'UNCHANGED']);
    expect(again.cache).toBeNull();
    expect(again.statements).toBeGreaterThan(0);
  });

  it("drops exactly what an ingest on another instance changed: its conflict, lists, a lookup that was empty; not an unrelated actor", async () => {
    const [a, b] = [await instance(), await instance()];
    const externalId = 'cache_probe';
    const warm = async () => ({
      conflict: await a(CONFLICT, { slug: 'russo-ukrainian-war' }),
      latest: await a(LATEST),
      lookup: await a(BY_EXTERNAL_ID, { externalId }),
      unrelated: await a(ACTOR, { slug: 'taliban' }),
    });
    const before = await warm();
    expect(before.lookup.body.data.article).toBeNull();
    for (const answer of Object.values(await warm())) expect(answer).toMatchObject({ cache: 'hit', statements: 0 });

    const written = await b(INGEST, { input: { externalId, text: ARTICLE } }, { authorization: `Bearer ${WRITE_TOKEN}` });
    expect(written.body.data.ingestArticle.status).toBe('CREATED');

    const after = await warm();
    expect(after.conflict.cache).toBe('miss');
    const ids = after.conflict.body.data.conflict.articles.edges.map((edge: any) => edge.node.externalId);
    expect(ids).toContain(externalId);
    expect(after.conflict.body.data.conflict.articles.totalCount).toBe(before.conflict.body.data.conflict.articles.totalCount + 1);
    expect(after.latest.cache).toBe('miss');
    expect(after.latest.body.data.articles.totalCount).toBe(before.latest.body.data.articles.totalCount + 1);
    expect(after.lookup.cache).toBe('miss');
    expect(after.lookup.body.data.article.id).toBe(written.body.data.ingestArticle.article.id);
    expect(after.unrelated).toMatchObject({ cache: 'hit', statements: 0 });
  });

  it('drops a cached place when an ingest on another instance names it, and keeps it when one names another place', async () => {
    const [a, b] = [await instance(), await instance()];
    const ingest = (externalId: string, text: string) =>
      b(INGEST, { input: { externalId, text } }, { authorization: `Bearer ${WRITE_TOKEN}` });
    const first = await ingest('cache_place_1', ` date 2022-05 Russische granaten treffen een school in Charkiv.\n\nDe gouverneur spreekt van drie doden.`);
    expect(first.body.data.ingestArticle.status).toBe('CREATED');
    const { place } = (await a(`{ place(key: "geonames:706483") { id } }`)).body.data;
    const PLACE = `query ($id: ID!) { node(id: $id) { ... on Place { name articles { totalCount } conflicts { articleCount } } } }`;
    const before = await a(PLACE, { id: place.id });
    expect(before.body.data.node.articles.totalCount).toBeGreaterThan(0);
    expect(await a(PLACE, { id: place.id })).toMatchObject({ cache: 'hit', statements: 0 });

    await ingest('cache_place_2', ` date 2022-05 In Goma vluchten duizenden mensen voor de gevechten.\n\nDe rebellen naderen de stad.`);
    expect(await a(PLACE, { id: place.id })).toMatchObject({ cache: 'hit', statements: 0 });

    await ingest('cache_place_3', ` date 2022-06 Opnieuw luchtalarm in Charkiv.\n\nDe metro dient weer als schuilkelder.`);
    const after = await a(PLACE, { id: place.id });
    expect(after.cache).toBe('miss');
    expect(after.body.data.node.articles.totalCount).toBe(before.body.data.node.articles.totalCount + 1);
  });

  it('drops what a curation on another instance changed: the actors, their articles, the queue; not an unrelated actor', async () => {
    const [a, b] = [await instance(), await instance()];
    // An article naming a person the knowledge base lacks (invented for this test) beside Russia.
    const body = 'Analiste Sanne Kruidhof ziet Rusland terugvallen.';
    const article = parsedArticle({ externalId: 'cache_provisional', body });
    const at = (text: string) => [{ start: body.indexOf(text), end: body.indexOf(text) + text.length, text, method: 'DICTIONARY' as const, confidence: 1 }];
    await storeArticle(database.database.db, article, {
      actors: [{ slug: 'russia', mentions: at('Rusland') }],
      provisional: [{ key: 'sanne-kruidhof', name: 'Sanne Kruidhof', kind: 'PERSON', description: 'analiste', mentions: at('Sanne Kruidhof') }],
      conflicts: [],
      unlinked: [],
    });
    const PERSON = `query ($slug: String!) { actor(slug: $slug) { id name aliases } }`;
    const LINKS = `query ($externalId: String!) { article(externalId: $externalId) { actors { actor { slug } } } }`;
    const QUEUE = `{ curationQueue(first: 100) { totalCount } }`;
    const warm = async () => ({
      provisional: await a(PERSON, { slug: 'sanne-kruidhof' }),
      target: await a(PERSON, { slug: 'ukraine' }),
      links: await a(LINKS, { externalId: 'cache_provisional' }),
      queue: await a(QUEUE),
      unrelated: await a(ACTOR, { slug: 'taliban' }),
    });
    const before = await warm();
    for (const answer of Object.values(await warm())) expect(answer).toMatchObject({ cache: 'hit', statements: 0 });

    const merged = await b(
      `mutation ($id: ID!, $into: ID!) { mergeActor(id: $id, into: $into) { actor { slug } } }`,
      { id: before.provisional.body.data.actor.id, into: before.target.body.data.actor.id },
      { authorization: `Bearer ${WRITE_TOKEN}` },
    );
    expect(merged.body.data.mergeActor.actor.slug).toBe('ukraine');

    const after = await warm();
    expect(after.provisional).toMatchObject({ cache: 'miss', body: { data: { actor: null } } });
    expect(after.target.cache).toBe('miss');
    expect(after.target.body.data.actor.aliases).toContain('Sanne Kruidhof');
    expect(after.links.cache).toBe('miss');
    expect(after.links.body.data.article.actors.map((x: any) => x.actor.slug).sort()).toEqual(['russia', 'ukraine']);
    expect(after.queue.cache).toBe('miss');
    expect(after.queue.body.data.curationQueue.totalCount).toBe(before.queue.body.data.curationQueue.totalCount - 1);
    expect(after.unrelated).toMatchObject({ cache: 'hit', statements: 0 });
  });

  // The CLI opens the database itself, which PGlite allows one process at a time: Postgres only.
  it.skipIf(!postgresUrl)('drops what `npm run ingest` changed, like an ingest through the API', async () => {
    const shared = await openTestDatabase('postgres');
    const dir = mkdtempSync(join(tmpdir(), 'cng-cache-cli-'));
    try {
      // Another corpus: its answers under a prefix of their own, as a second deployment would have.
      const ask = await instance(shared, `${prefix}cli:`);
      const conflict = async () => ask(CONFLICT, { slug: 'russo-ukrainian-war' });
      const before = await conflict();
      expect(await conflict()).toMatchObject({ cache: 'hit', statements: 0 });

      writeFileSync(join(dir, 'cache_cli_probe.txt'), ARTICLE.replace('succes', 'doorbraak'));
      const run = await runCli('ingest', [dir], { DATABASE_URL: shared.database.url!, REDIS_URL: redisUrl, RESPONSE_CACHE_PREFIX: `${prefix}cli:` });
      expect(run.code, run.stderr).toBe(0);

      const after = await conflict();
      expect(after.cache).toBe('miss');
      expect(after.body.data.conflict.articles.totalCount).toBe(before.body.data.conflict.articles.totalCount + 1);
      expect(after.body.data.conflict.articles.edges.map((edge: any) => edge.node.externalId)).toContain('cache_cli_probe');
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await shared.close();
    }
  }, 60_000);

  it('answers uncached, without errors, while Redis is unreachable', async () => {
    const lines: string[] = [];
    const cache = createResponseCache({ url: 'redis://127.0.0.1:1', prefix, warn: (line) => lines.push(line) });
    caches.push(cache);
    expect(await cache.connect()).toBe(false);
    const app = createApp({ db: database.database.db, linker: database.linker, responseCache: cache });
    for (let i = 0; i < 2; i += 1) {
      const response = await app.fetch('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ACTOR, variables: { slug: 'taliban' } }),
      });
      const body = (await response.json()) as Answer['body'];
      expect(body.errors).toBeUndefined();
      expect(body.data.actor.name).toBeTruthy();
      expect(Number(response.headers.get('x-sql-statements'))).toBeGreaterThan(0);
    }
    expect(lines.join('\n')).toMatch(/response cache: .* failed/);
  });
});
