import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { answered, currentRequestScope, requestIdFrom, runInRequestScope, type RequestScope } from '../request-scope.js';

/** Operation names longer than this are cut in the scope (and so in log lines); GraphQL names need no more. */
export const MAX_LOGGED_OPERATION_NAME = 100;

function cut(name: string): string {
  return name.length > MAX_LOGGED_OPERATION_NAME ? `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…` : name;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/**
 * Runs `handle` and then, once its response is made (or it failed), what waited for the answer,
 * unless the answer is streamed: then the stream does it when its last piece is written.
 */
function thenAnswered(scope: RequestScope, handle: () => unknown): unknown {
  const settle = () => {
    if (!scope.answerStreamed) answered(scope);
  };
  let outcome: unknown;
  try {
    outcome = handle();
  } catch (error) {
    settle();
    throw error;
  }
  if (typeof (outcome as PromiseLike<unknown> | undefined)?.then === 'function') return Promise.resolve(outcome).finally(settle);
  settle();
  return outcome;
}

/**
 * Runs every request in its own scope (request id, operation name, SQL statement count), so the
 * database layer and the error log can find it, and answers with `x-request-id` and
 * `x-sql-statements`.
 */
export function useRequestScope(): Plugin {
  // Execution starts only with a document that validated: its operation's name is a real one.
  const validated = (document: DocumentNode, operationName: string | null | undefined) => {
    const scope = currentRequestScope();
    if (!scope) return;
    const name = getOperationAST(document, operationName)?.name?.value;
    scope.operationName = name ? cut(name) : null;
    scope.operationValidated = true;
  };
  return {
    // The instrumentation wraps the whole request, onRequest and onResponse hooks included.
    instrumentation: {
      request: ({ request }, wrapped) =>
        runInRequestScope(requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), () => thenAnswered(currentRequestScope()!, wrapped)) as ReturnType<typeof wrapped>,
    },
    // What the client claims, for the log line of a request that is refused before it runs.
    onParams({ params }) {
      const scope = currentRequestScope();
      if (scope && typeof params.operationName === 'string') scope.operationName = cut(params.operationName);
    },
    onExecute({ args }) {
      validated(args.document, args.operationName);
    },
    onSubscribe({ args }) {
      validated(args.document, args.operationName);
    },
    onResponse({ response }) {
      const scope = currentRequestScope();
      if (!scope) return;
      response.headers.set(REQUEST_ID_HEADER, scope.requestId);
      response.headers.set(SQL_STATEMENTS_HEADER, String(scope.sqlStatements));
      if (scope.responseCache) response.headers.set(RESPONSE_CACHE_HEADER, scope.responseCache.toLowerCase());
      if (scope.retryAfterSeconds !== undefined) response.headers.set('retry-after', String(scope.retryAfterSeconds));
    },
  };
}
