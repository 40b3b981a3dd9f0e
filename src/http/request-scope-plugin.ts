import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { currentRequestScope, requestIdFrom, runInRequestScope } from '../request-scope.js';

export const REQUEST_ID_HEADER = 'x-request-id';
export const SQL_STATEMENTS_HEADER = 'x-sql-statements';
export const RESPONSE_CACHE_HEADER = 'x-response-cache';

/**
 * Runs every request in its own scope (request id, operation name, SQL statement count), so the
 * database layer and the error log can find it, and answers with `x-request-id` and
 * `x-sql-statements`.
 */
export function useRequestScope(): Plugin {
  return {
    // The instrumentation wraps the whole request, onRequest and onResponse hooks included.
    instrumentation: {
      request: ({ request }, wrapped) => runInRequestScope(requestIdFrom(request.headers.get(REQUEST_ID_HEADER)), wrapped),
    },
    onParams({ params }) {
      const scope = currentRequestScope();
      if (scope && typeof params.operationName === 'string') scope.operationName = params.operationName;
    },
    onExecute({ args }) {
      const scope = currentRequestScope();
      const name = getOperationAST(args.document, args.operationName)?.name?.value;
      if (scope && name) scope.operationName = name;
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
