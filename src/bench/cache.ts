import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { note } from './database.js';
import { driveHttp, warmHttp } from './drive.js';
import { CONCURRENCY, type BenchOptions } from './options.js';
import type { CacheRow, ResultRow } from './results.js';
import type { Scenario } from './scenarios.js';
import { startServer } from './server.js';

/**
 * The load of the main runs again on a server caching answers in Redis, under a key prefix of its
 * own that is removed afterwards. The load only reads and cycles through a few variable sets, so
 * after the warm-up nearly every answer is a hit: this is the cache's ceiling, not a mixed workload.
 */
export async function measureCached(
  url: string,
  redisUrl: string,
  scenarios: Scenario[],
  uncached: ResultRow[],
  options: BenchOptions,
): Promise<CacheRow[]> {
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
  } catch (error) {
    throw new Error(`--cache needs Redis at ${redisUrl} (BENCH_REDIS_URL): ${(error as Error).message}`);
  }
  note('Starting the server with the response cache …');
  const server = await startServer(url, { REDIS_URL: redisUrl, RESPONSE_CACHE_PREFIX: prefix });
  const rows: CacheRow[] = [];
  try {
    for (const scenario of scenarios) {
      const bodies = scenario.variableSets.map((variables) => JSON.stringify({ query: scenario.operation, variables }));
      note(`${scenario.name} cached: warming up ${options.warmup} s …`);
      await warmHttp({ origin: server.origin, bodies, seconds: options.warmup });
      await server.settle();
      for (const connections of CONCURRENCY) {
        const figures = await driveHttp({ origin: server.origin, bodies, connections, seconds: options.duration, check: scenario.check });
        await server.settle();
        const asked = figures.cache.hits + figures.cache.misses;
        const hitRatio = asked > 0 ? Number((figures.cache.hits / asked).toFixed(4)) : null;
        const before = uncached.find((row) => row.query === scenario.name && row.connections === connections);
        note(`  cached ${connections} conn: ${figures.rps} req/s, p99 ${figures.p99Ms} ms, hit ratio ${hitRatio ?? 'n/a'}, errors ${figures.errors}`);
        rows.push({
          query: scenario.name,
          connections,
          uncachedRps: before?.graphql.rps ?? 0,
          cachedRps: figures.rps,
          p99Ms: figures.p99Ms,
          errors: figures.errors,
          hitRatio,
        });
      }
    }
    return rows;
  } finally {
    await server.stop();
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(keys);
    redis.disconnect();
  }
}

/** The cached runs beside the uncached ones. */
export function cacheReport(rows: CacheRow[]): string {
  const lines = ['Response cache (Redis)', 'query                 conn  uncached req/s  cached req/s  ×      p99 ms  hit ratio  errors'];
  for (const r of rows) {
    const factor = r.uncachedRps > 0 ? (r.cachedRps / r.uncachedRps).toFixed(1) : 'n/a';
    lines.push(
      `${r.query.padEnd(22)}${String(r.connections).padStart(4)}  ${String(r.uncachedRps).padStart(14)}  ${String(r.cachedRps).padStart(12)}  ` +
        `${factor.padStart(5)}  ${String(r.p99Ms ?? '-').padStart(6)}  ${r.hitRatio === null ? '      n/a' : `${(r.hitRatio * 100).toFixed(1).padStart(8)}%`}  ${String(r.errors).padStart(6)}`,
    );
  }
  return lines.join('\n');
}
