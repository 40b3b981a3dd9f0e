import { getOperationAST, type DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequestScope, requestIdFrom, runInRequestScope } from '../request-scope.js';

/** Operation names longer than this are cut in the scope (and so in log lines); GraphQL names need no more. */
export const MAX_LOGGED_OPERATION_NAME = 100;

function cut(name: string): string {
  return name.length > MAX_LOGGED_OPERATION_NAME ? `${name.slice(0, MAX_LOGGED_OPERATION_NAME)}…` : name;
}

export const REQUEST_ID_HEADER = 'x-request-id';
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

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
      request: ({ request }, wrapped) => runInRequestScope(requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), wrapped),
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
