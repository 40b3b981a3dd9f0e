import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Sql } from 'postgres';
import { currentRequestScope } from '../request-scope.js';
import { isConnectionLost } from './errors.js';

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

type PostgresQuery = {
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  isRaw?: boolean | 'values';
  values(): PostgresQuery;
  raw(): PostgresQuery;
  then: Promise<unknown>['then'];
  signal(signal: AbortSignal): PostgresQuery;
};

/**
 * Ties a statement to the request that sends it: once the client has gone, postgres.js cancels it
 * (in Postgres when running, in the pool when still waiting for a connection), and one sent after
 * that fails at once. Statements in a transaction are left to it: a write finishes or rolls back whole.
 */
function cancelWithRequest(query: PostgresQuery, inTransaction: boolean): PostgresQuery {
  const signal = currentRequestScope()?.signal;
  return signal && !inTransaction ? query.signal(signal) : query;
}

/** A result whose rows are not all rows: what a driver handing on a dead connection's leftovers gives. */
export class MalformedResultError extends Error {
  override name = 'MalformedResultError';
  readonly code = 'MALFORMED_RESULT';
}

/** Null when every element of `value` (an array of row objects or of value arrays) is a row; otherwise why not. */
export function malformedResult(value: unknown): MalformedResultError | null {
  if (!Array.isArray(value)) return null;
  for (let i = 0; i < value.length; i += 1) {
    const row: unknown = value[i];
    if (row === null || typeof row !== 'object') {
      return new MalformedResultError(`row ${i} of ${value.length} is ${row === null ? 'null' : typeof row}, not a row`);
    }
  }
  return null;
}

/** A statement that only reads: sending it again after a lost connection cannot write twice. */
export function isReadOnlyStatement(text: string): boolean {
  return (
    /^\s*(select|with)\b/i.test(text) &&
    !/\b(insert|update|delete|merge|nextval|setval|pg_advisory\w*)\b|\bfor\s+(update|share|no\s+key|key)\b/i.test(text)
  );
}

/**
 * The postgres.js client as Drizzle uses it (`unsafe`, `begin`, `savepoint`), counting each
 * statement until it settles. A postgres.js query is a lazy promise (awaiting it sends it), so the
 * count hooks the query's own resolve and reject instead of awaiting it.
 *
 * Two guards sit on the same hooks. A result with holes instead of rows is never handed on as data
 * (postgres.js 3.4 gave such arrays on the connection after a terminated one). A read-only
 * statement outside a transaction whose connection was lost, or whose result was malformed, is
 * sent once more, on the connection the pool opens in its place; inside a transaction the whole
 * transaction has failed and only its caller can start it again.
 *
 * Reads outside a transaction go as prepared statements (Drizzle sends every statement unprepared):
 * a connection parses and plans each text once and then only binds it, some 12 % of Postgres's CPU
 * for each contract operation (ConflictTraversal 15.4 → 13.6 ms, ArticlesWithEntities 11.7 → 9.9,
 * ActorProfile 7.2 → 6.4, interleaved, load 18–21). postgres.js keeps at most 1,000 a connection and
 * closes the least recently used beyond that, so a client sending ever new texts costs plans, not memory.
 */
export function countingPostgres<T extends Sql>(client: T, inFlight: InFlight, inTransaction = false): T {
  const inScope = (fn: (tx: Sql) => unknown) => (tx: Sql) => fn(countingPostgres(tx, inFlight, true));
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (...args: Parameters<Sql['unsafe']>) => {
          // Drizzle calls unsafe(text, parameters, { prepare: false }).
          const sent = args as unknown[];
          if (!inTransaction && sent.length === 3 && isReadOnlyStatement(args[0])) sent[2] = { ...(sent[2] as object), prepare: true };
          const query = cancelWithRequest(target.unsafe(...args) as unknown as PostgresQuery, inTransaction);
          const done = settleOnce(inFlight);
          // postgres.js 4 settles a query through methods of its prototype: call them on the query.
          const { resolve, reject } = query;
          const fail = (error: unknown) => {
            done();
            reject.call(query, error);
          };
          let retried = inTransaction || !isReadOnlyStatement(args[0]);
          const retryOrFail = (error: unknown) => {
            if (retried || !isConnectionLost(error)) return fail(error);
            retried = true;
            const again = cancelWithRequest(target.unsafe(...args) as unknown as PostgresQuery, inTransaction);
            if (query.isRaw === 'values') again.values();
            else if (query.isRaw) again.raw();
            again.then(settle, retryOrFail);
          };
          const settle = (value: unknown) => {
            const malformed = malformedResult(value);
            if (malformed) return retryOrFail(malformed);
            done();
            resolve.call(query, value);
          };
          query.resolve = settle;
          query.reject = retryOrFail;
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
