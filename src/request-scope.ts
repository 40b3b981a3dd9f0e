import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What the server knows about the request being handled, wherever in the call chain it asks. */
export interface RequestScope {
  readonly requestId: string;
  /**
   * The operation name the client sent, cut to a length fit for a log line, and replaced by the
   * name of the operation that runs once the document validated; null for anonymous operations and
   * non-GraphQL requests.
   */
  operationName: string | null;
  /** Whether `operationName` is the name of a validated operation that runs (only then may it be a metrics label). */
  operationValidated: boolean;
  /** SQL statements sent through Drizzle while handling this request. */
  sqlStatements: number;
  /**
   * Whether the response cache answered (HIT), was asked in vain (MISS), or was passed by because
   * Redis is hung, away or owes invalidations (BYPASS); unset when it was not asked.
   */
  responseCache?: 'HIT' | 'MISS' | 'BYPASS';
  /** Seconds the client is told to wait before asking again (`Retry-After`), set when the database could not serve. */
  retryAfterSeconds?: number;
  /** Set when the operation ran as a compiled query (see useCompiledQueries). */
  compiled?: boolean;
  /** Aborts when the client went away: the database layer cancels the request's statements then (see useAdmission). */
  signal?: AbortSignal;
  /** When the request came in (`performance.now()`), for its duration in the log and the metrics. */
  readonly startedAt: number;
  /** Set when the answer is written in pieces (see useStreamedAnswers): it is out only when the last piece is. */
  answerStreamed?: boolean;
  /** Run once the answer is out or the client has gone (see answered): units of work in flight given back. */
  readonly afterAnswer: (() => void)[];
}

const storage = new AsyncLocalStorage<RequestScope>();

// An incoming id is honoured only when short and plain, so it can be echoed and logged as is
// (no spaces or control characters that could forge log lines or split headers).
const SANE_REQUEST_ID = /^[A-Za-z0-9._:+/=-]{1,128}$/;

/** The client's `x-request-id` when it is sane, else a fresh UUID. */
export function requestIdFrom(incoming: string | string[] | null | undefined): string {
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** Runs `fn` (and everything it starts, sync or async) inside a new request scope. */
export function runInRequestScope<T>(requestId: string, fn: () => T): T {
  return storage.run({ requestId, operationName: null, operationValidated: false, sqlStatements: 0, startedAt: performance.now(), afterAnswer: [] }, fn);
}

/** The answer of the scope's request is out (or will never be): runs what waited for it, once. */
export function answered(scope: RequestScope): void {
  for (const done of scope.afterAnswer.splice(0)) done();
}

/** The scope of the request being handled; undefined outside one (start-up, CLI, tests on the db). */
export function currentRequestScope(): RequestScope | undefined {
  return storage.getStore();
}

/** Called for every statement the database layer sends. */
export function countStatement(): void {
  const scope = storage.getStore();
  if (scope) scope.sqlStatements += 1;
}
