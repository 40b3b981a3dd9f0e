import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Sql } from 'postgres';

/** Statements sent to the driver whose answer has not come yet (waiting for a connection included). */
export interface InFlight {
  count: number;
}

function settleOnce(inFlight: InFlight): () => void {
  inFlight.count += 1;
  let settled = false;
  return () => {
    if (settled) return;
    settled = true;
    inFlight.count -= 1;
  };
}

type PostgresQuery = { resolve: (value: unknown) => void; reject: (error: unknown) => void };

/**
 * The postgres.js client as Drizzle uses it (`unsafe`, `begin`, `savepoint`), counting each
 * statement until it settles. A postgres.js query is a lazy promise (awaiting it sends it), so the
 * count hooks the query's own resolve and reject instead of awaiting it.
 */
export function countingPostgres<T extends Sql>(client: T, inFlight: InFlight): T {
  const inScope = (fn: (tx: Sql) => unknown) => (tx: Sql) => fn(countingPostgres(tx, inFlight));
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => {
          const query = target.unsafe(...args) as unknown as PostgresQuery;
          const done = settleOnce(inFlight);
          const { resolve, reject } = query;
          query.resolve = (value) => (done(), resolve(value));
          query.reject = (error) => (done(), reject(error));
          return query;
        };
      }
      if (property === 'begin' || property === 'savepoint') {
        const original = Reflect.get(target, property, receiver) as (...args: unknown[]) => unknown;
        return (...args: unknown[]) => {
          const fn = args.pop() as (tx: Sql) => unknown;
          return original.call(target, ...args, inScope(fn));
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

type PgliteLike = PGlite | Transaction;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A string parameter with each lone surrogate replaced by U+FFFD, as Node's UTF-8 encoder (and so
 * postgres.js) sends it. PGlite encodes a lone surrogate into bytes Postgres refuses (22021,
 * invalid byte sequence), which would turn a search for such text into an unexpected error.
 */
function wellFormed(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(LONE_SURROGATE, '\uFFFD') : value;
}

/** PGlite (or one of its transactions) as Drizzle uses it (`query`, `transaction`), counting each statement until it settles. */
export function countingPglite<T extends PgliteLike>(client: T, inFlight: InFlight): T {
  return new Proxy(client, {
    get(target, property) {
      if (property === 'query') {
        return (...[text, params, options]: Parameters<PGlite['query']>) => {
          const done = settleOnce(inFlight);
          return (target.query as PGlite['query'])(text, params?.map(wellFormed), options).finally(done);
        };
      }
      if (property === 'transaction' && 'transaction' in target) {
        return <R>(fn: (tx: Transaction) => Promise<R>) => (target as PGlite).transaction((tx) => fn(countingPglite(tx, inFlight)));
      }
      const value = Reflect.get(target, property, target) as unknown;
      // PGlite keeps its state in private fields: its methods must run on the real instance.
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}
