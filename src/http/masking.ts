import { GraphQLError } from 'graphql';
import { maskError } from 'graphql-yoga';
import { isConnectionLost, isStatementTimeout } from '../db/errors.js';
import { currentRequestScope } from '../request-scope.js';
import type { ErrorCode } from '../error-codes.js';

/** What `Retry-After` says with a DATABASE_UNAVAILABLE error. */
export const DATABASE_RETRY_AFTER_SECONDS = 1;

/** A clean error in place of `error`, keeping where in the result it happened. */
function replacement(error: unknown, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path, source: error.source, positions: error.positions } : {}),
    extensions,
  });
}

/**
 * Like Yoga's masking (no driver message or stack reaches a client), but a statement timeout and a
 * lost or refused database connection say what happened (the latter with `Retry-After`), and every
 * masked error carries the request id that the server's log line carries too.
 */
export function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  const scope = currentRequestScope();
  const requestId = scope?.requestId;
  const id = requestId ? { requestId } : {};
  if (isStatementTimeout(error)) {
    return replacement(error, 'the query took longer than the server allows and was stopped; ask for smaller pages or fewer nested lists', {
      code: 'TIMEOUT' satisfies ErrorCode,
      ...id,
    });
  }
  if (isConnectionLost(error)) {
    // The pool tries to reconnect every few hundred ms (db/client.ts): a second is enough to wait.
    if (scope) scope.retryAfterSeconds = DATABASE_RETRY_AFTER_SECONDS;
    return replacement(error, 'the database connection was lost or refused; try again shortly', { code: 'DATABASE_UNAVAILABLE' satisfies ErrorCode, ...id });
  }
  const masked = maskError(error, message, isDev);
  if (masked !== error && masked instanceof GraphQLError) Object.assign(masked.extensions, id);
  return masked;
}
