import { defaultBuildResponseCacheKey, useResponseCache, type Cache, type CacheEntityRecord } from '@envelop/response-cache';
import { createRedisCache, defaultBuildRedisEntityId, defaultBuildRedisOperationResultCacheKey } from '@envelop/response-cache-redis';
import type { Plugin } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { currentRequestScope } from '../request-scope.js';
import { dependsOnCorpus } from './scope.js';

/**
 * The tag of every cached answer that a new article can change without naming any of its
 * entities (see scope.ts); each ingest that changes the corpus invalidates it. It carries an id,
 * so invalidating it is one set lookup, not the Redis-wide KEYS scan of a bare typename.
 */
export const CORPUS_ENTITY: CacheEntityRecord = { typename: 'Corpus', id: 'articles' };

/** Longest time an answer stays cached: bounds what writes around the server (CLI ingest, relink) leave stale. */
export const DEFAULT_TTL_MS = 5 * 60_000;

export interface ResponseCacheOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Put before every key, so several deployments (or test files) share one Redis. */
  prefix?: string | undefined;
  ttlMs?: number | undefined;
  /** Where Redis trouble is reported (once per change of state). */
  warn?: ((line: string) => void) | undefined;
}

export interface ResponseCache {
  /**
   * The Yoga plugin serving cached answers to queries and caching answers without errors. The
   * version is part of every key: a new schema or knowledge base starts from an empty cache.
   */
  plugin(version: string): Plugin;
  /** Drops every cached answer holding one of these entities; never throws (Redis trouble is logged). */
  invalidate(entities: Iterable<CacheEntityRecord>): Promise<boolean>;
  /** Connects; resolves false (and the server goes on uncached) when Redis is not reachable. */
  connect(): Promise<boolean>;
  close(): Promise<void>;
  readonly redis: Redis;
}

/** An answer cache in Redis, shared by every instance of the server, so an ingest on one invalidates for all. */
export function createResponseCache(options: ResponseCacheOptions): ResponseCache {
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const warn = options.warn ?? ((line: string) => console.error(line));
  const redis = new Redis(options.url, {
    keyPrefix: options.prefix ?? 'conflict-news:cache:',
    lazyConnect: true,
    // Without Redis the API answers uncached rather than waiting: no queue, one try per command.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
  });
  let healthy = true;
  const trouble = (what: string, error: unknown) => {
    if (!healthy) return;
    healthy = false;
    warn(`warn response cache: ${what} failed, answering without the cache until Redis is back: ${(error as Error).message ?? String(error)}`);
  };
  const fine = () => {
    if (!healthy) warn('warn response cache: Redis answers again');
    healthy = true;
  };
  redis.on('error', (error) => trouble('Redis', error));

  const store = createRedisCache({
    redis,
    buildRedisEntityId: defaultBuildRedisEntityId,
    buildRedisOperationResultCacheKey: defaultBuildRedisOperationResultCacheKey,
  }) as unknown as Cache;

  const corpusWide = new WeakMap<object, boolean>();

  // The library leaves its index sets (entity → answers) without expiry; each gets the longest
  // TTL again whenever an answer joins it, so it outlives every answer it lists and then goes.
  async function expireIndexes(responseId: string, entities: CacheEntityRecord[]): Promise<void> {
    const pipeline = redis.pipeline();
    pipeline.pexpire(defaultBuildRedisOperationResultCacheKey(responseId), ttlMs);
    for (const { typename, id } of entities) {
      pipeline.pexpire(typename, ttlMs);
      if (id != null) pipeline.pexpire(defaultBuildRedisEntityId(typename, id), ttlMs);
    }
    await pipeline.exec();
  }

  function cacheFor(context: object): Cache {
    return {
      async get(responseId) {
        const scope = currentRequestScope();
        try {
          const hit = await store.get(responseId);
          fine();
          if (scope) scope.responseCache = hit ? 'HIT' : 'MISS';
          return hit;
        } catch (error) {
          trouble('reading', error);
          if (scope) scope.responseCache = 'MISS';
          return undefined;
        }
      },
      async set(responseId, result, collected, ttl) {
        const entities = [...collected];
        // A null or empty list where entities could be (an article looked up before it exists)
        // is recorded by type name only: a new article may fill it, so it depends on the corpus too.
        if (corpusWide.get(context) || entities.some((entity) => entity.id == null)) entities.push(CORPUS_ENTITY);
        try {
          await store.set(responseId, result, entities, Math.min(ttl, ttlMs));
          await expireIndexes(responseId, entities);
        } catch (error) {
          trouble('storing', error);
        }
      },
      // Called by the plugin with the entities of a mutation's result. Those known by type name
      // only (an empty list in the payload) are left out: the library would scan all of Redis
      // (KEYS) for them. The ingest invalidates what it changed by itself (ingest-invalidation.ts).
      async invalidate(entities) {
        await invalidate([...entities].filter((entity) => entity.id != null));
      },
    };
  }

  async function invalidate(entities: Iterable<CacheEntityRecord>): Promise<boolean> {
    try {
      await store.invalidate(entities);
      fine();
      return true;
    } catch (error) {
      trouble('invalidating', error);
      return false;
    }
  }

  return {
    redis,
    invalidate,
    plugin(version) {
      return {
        onExecute({ args }) {
          corpusWide.set(args.contextValue, dependsOnCorpus(args.schema, args.document));
        },
        onPluginInit({ addPlugin }) {
          addPlugin(
            useResponseCache({
              cache: (context) => cacheFor(context),
              // No answer depends on who asks: the only per-request state is write access, and
              // mutations are never cached (the plugin invalidates with their results instead).
              session: () => null,
              ttl: ttlMs,
              includeExtensionMetadata: false,
              // As the library's default (no answer with errors is cached), without its warning per answer.
              shouldCacheResult: ({ result }) => !result.errors?.length,
              buildResponseCacheKey: async (params) => `${version}:${await defaultBuildResponseCacheKey(params)}`,
            }),
          );
        },
      };
    },
    async connect() {
      try {
        await redis.connect();
        return true;
      } catch (error) {
        trouble('connecting', error);
        return false;
      }
    },
    async close() {
      redis.disconnect();
    },
  };
}
