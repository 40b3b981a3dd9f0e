import { resolve } from 'node:path';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import { createPubSub, Repeater, type PubSubEvent, type PubSubEventTarget } from 'graphql-yoga';
import { Redis } from 'ioredis';

/** What one committed write created or changed. */
export interface ArticlesIngested {
  /** Unique per event, so the subscribers of one server can match it together. */
  id: string;
  /** The created or changed articles, in the order they were stored. */
  articleIds: number[];
}

type Topics = Record<string, [ArticlesIngested]>;

/** The announcements of ingested articles: in one process, or across processes through Redis. */
export interface ArticleEvents {
  /** Announces what a committed write created or changed; never throws (a lost announcement is logged). */
  publish(articleIds: readonly number[]): void;
  /** Every announcement from the first `next()` on; returning the iterator unsubscribes. */
  subscribe(): Repeater<ArticlesIngested>;
  /** Subscriptions open now. */
  readonly open: number;
  /** Ends every open subscription and closes the Redis connections. */
  close(): Promise<void>;
}

export interface ArticleEventsOptions {
  /** Redis for announcements across processes; in-process only when absent. */
  redisUrl?: string | undefined;
  /**
   * Which corpus the announcements are about (see `corpusKey`): servers and CLIs over one database
   * share them, those over another database on the same Redis never see them.
   */
  corpus: string;
  /** Where connection trouble is reported (one line each, without the Redis password). */
  warn?: ((message: string) => void) | undefined;
  /** Whether to subscribe at all: a CLI only publishes, and so opens one Redis connection. */
  publishOnly?: boolean | undefined;
}

/** The database an announcement is about, without credentials: `host:port/name`, or PGlite's folder. */
export function corpusKey(databaseUrl: string | undefined, pgliteDir: string | undefined): string {
  if (!databaseUrl) return `pglite:${resolve(pgliteDir ?? 'memory')}`;
  const url = new URL(databaseUrl);
  return `postgres:${url.hostname}:${url.port || '5432'}${url.pathname}`;
}

/** A Redis URL as it may be logged: scheme, host, port and database, no password. */
export function describeRedis(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

/**
 * The client as the event target library sees it: it drops the promises of PUBLISH, SUBSCRIBE and
 * UNSUBSCRIBE, so a Redis outage would become an unhandled rejection; here each failure is reported.
 */
function guarded(client: Redis, onError: (command: string, error: Error) => void): Redis {
  const commands = new Set(['publish', 'subscribe', 'unsubscribe']);
  return new Proxy(client, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (typeof property === 'string' && commands.has(property)) {
        return (...args: unknown[]) =>
          (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch((error: Error) => onError(property.toUpperCase(), error));
      }
      return value.bind(target);
    },
  });
}

export function createArticleEvents(options: ArticleEventsOptions): ArticleEvents {
  const topic = `conflict-news:${options.corpus}:articles-ingested`;
  const warn = options.warn ?? ((message: string) => console.error(message));
  const clients: Redis[] = [];
  let eventTarget: PubSubEventTarget<Topics> | undefined;
  let closing = false;
  if (options.redisUrl) {
    const where = describeRedis(options.redisUrl);
    const connect = (role: string, lazy: boolean, maxRetriesPerRequest: number | null) => {
      const client = new Redis(options.redisUrl!, {
        lazyConnect: lazy,
        maxRetriesPerRequest,
        // Reconnects forever, at most 5 s apart; subscriptions are renewed on reconnecting.
        retryStrategy: (attempt) => Math.min(attempt * 250, 5_000),
      });
      let lastError = '';
      client.on('error', (error: Error) => {
        if (error.message === lastError) return; // one line per kind of trouble, not one per retry
        lastError = error.message;
        warn(`live updates: Redis ${where} (${role}): ${error.message}`);
      });
      client.on('ready', () => {
        if (lastError) warn(`live updates: Redis ${where} (${role}) is reachable again`);
        lastError = '';
      });
      clients.push(client);
      return guarded(client, (command, error) => {
        if (!closing) warn(`live updates: Redis ${where} (${role}) ${command} failed: ${error.message}`);
      });
    };
    // A publish waits for one reconnect at most (the announcement is then lost, and logged); a
    // subscribe waits as long as it takes. A client in subscriber mode can do nothing else.
    const publishClient = connect('publish', false, 1);
    const subscribeClient = connect('subscribe', Boolean(options.publishOnly), null);
    eventTarget = createRedisEventTarget<PubSubEvent<Topics, string>>({ publishClient, subscribeClient });
  }
  const pubsub = createPubSub<Topics>(eventTarget ? { eventTarget } : {});
  const stoppers = new Set<() => void>();
  let closed: Promise<void> | null = null;
  let sequence = 0;
  const prefix = `${process.pid}-${Date.now().toString(36)}`;

  return {
    publish(articleIds) {
      if (articleIds.length === 0) return;
      sequence += 1;
      pubsub.publish(topic, { id: `${prefix}-${sequence}`, articleIds: [...articleIds] });
    },
    subscribe() {
      return new Repeater<ArticlesIngested>(async (push, stop) => {
        const source = pubsub.subscribe(topic);
        const end = () => stop();
        stoppers.add(end);
        void stop.then(() => {
          stoppers.delete(end);
          void source.return();
        });
        for await (const event of source) await push(event);
        stop(); // a repeater ends only when stopped, not when its executor returns
      });
    },
    get open() {
      return stoppers.size;
    },
    close() {
      if (!closed) {
        closing = true;
        for (const stop of [...stoppers]) stop();
        closed = Promise.all(
          clients.map((client) => (client.status === 'wait' ? client.disconnect() : client.quit().catch(() => client.disconnect()))),
        ).then(() => {});
      }
      return closed;
    },
  };
}
