import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createResponseCache, type ResponseCache } from '../src/cache/response-cache.js';
import { redisStallScenario } from '../src/chaos/redis-stall.js';
import { startThrowawayRedis, type ThrowawayRedis } from '../src/chaos/redis-server.js';
import { startStallProxy, type StallProxy } from '../src/chaos/stall-proxy.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

describe('the response cache while its Redis hangs', () => {
  let redis: ThrowawayRedis;
  let proxy: StallProxy;
  let database: TestDatabase;
  const caches: ResponseCache[] = [];
  const warnings: string[] = [];

  beforeAll(async () => {
    // A Redis of this file's own, never the shared one: the proxy in front of it hangs at will.
    redis = await startThrowawayRedis();
    proxy = await startStallProxy({ host: '127.0.0.1', port: redis.port });
    database = await openTestDatabase('pglite');
    // PGlite boots, migrates and seeds: a minute or more on a busy machine.
  }, 180_000);
  afterAll(async () => {
    await Promise.all(caches.map((cache) => cache.close()));
    await proxy?.close();
    await redis?.stop();
    await database?.close();
  });

  async function app() {
    const cache = createResponseCache({ url: `redis://127.0.0.1:${proxy.port}`, prefix: `test:${randomBytes(4).toString('hex')}:`, warn: (line) => warnings.push(line) });
    caches.push(cache);
    expect(await cache.connect()).toBe(true);
    const yoga = createApp({ db: database.database.db, linker: database.linker, writeToken: WRITE_TOKEN, responseCache: cache });
    return { cache, fetch: (url: string, init: RequestInit) => Promise.resolve(yoga.fetch(url, init)) };
  }

  it('is passed by while it hangs, keeps the invalidations it missed, and serves no stale answer once back', async () => {
    const { cache, fetch } = await app();
    const figures = await redisStallScenario({ origin: 'http://localhost', fetch, proxy, writeToken: WRITE_TOKEN, stallMs: 2_000, watchMs: 2_000 });
    console.log(`Redis hung 2 s: ${JSON.stringify(figures)}`);

    expect(figures.ingest.status).toBe('CREATED');
    // Every query answered without errors; after the first one that met the hung Redis, the cache was passed by.
    expect(Object.keys(figures.duringStall.codes)).toEqual(['clean']);
    expect(figures.duringStall.bypassed).toBeGreaterThanOrEqual(figures.duringStall.answers - 2);
    // The article ingested during the stall shows at once after it, and the cache serves again.
    expect(figures.staleAfter).toBe(0);
    expect(figures.freshAtEnd).toBe(true);
    expect(figures.cachedAgainMs).not.toBeNull();
    expect(cache.serving).toBe(true);
    expect(warnings.join('\n')).toMatch(/failed, answering without the cache/);
    expect(warnings.join('\n')).toMatch(/the invalidations it missed are done/);
  }, 60_000);

  it('keeps an invalidation made while Redis hangs until it can send it', async () => {
    const { cache } = await app();
    proxy.stall();
    try {
      // The first command meets the hung Redis and times out; the next is kept without waiting.
      expect(await cache.invalidate([{ typename: 'Article', id: 'QXJ0aWNsZTox' }])).toBe(false);
      expect(await cache.invalidate([{ typename: 'Actor', id: 'QWN0b3I6MQ==' }])).toBe(false);
      expect(cache.serving).toBe(false);
    } finally {
      proxy.resume();
    }
    for (let i = 0; i < 100 && !cache.serving; i += 1) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cache.serving).toBe(true);
  }, 30_000);
});
