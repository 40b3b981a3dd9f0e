/** Recognising database failures by code, wherever they sit in an error's chain of causes. */

const QUERY_CANCELED = '57014';

/**
 * Codes of a lost or refused database connection: Postgres' admin/crash shutdown and connection
 * exceptions, postgres.js' own, the socket errors under them, and a result with holes where rows
 * should be (see in-flight.ts). A retry may well succeed.
 */
const CONNECTION_LOST = new Set([
  '57P01', '57P02', '57P03', '08000', '08003', '08006',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT', 'MALFORMED_RESULT',
  'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN',
]);

/** The error and its causes (GraphQL's originalError, Error.cause, an AggregateError's first), outermost first. */
export function* causesOf(error: unknown): Generator<unknown> {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 6; depth += 1) {
    yield cause;
    const next = cause as { originalError?: unknown; cause?: unknown; errors?: unknown[] };
    cause = next.originalError ?? next.cause ?? next.errors?.[0];
  }
}

function hasCode(error: unknown, codes: (code: string) => boolean): boolean {
  for (const cause of causesOf(error)) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && codes(code)) return true;
  }
  return false;
}

export function isStatementTimeout(error: unknown): boolean {
  return hasCode(error, (code) => code === QUERY_CANCELED);
}

export function isConnectionLost(error: unknown): boolean {
  return hasCode(error, (code) => CONNECTION_LOST.has(code));
}

/** A unique constraint refused the write (two writers claimed the same key at once). */
export function isUniqueViolation(error: unknown): boolean {
  return hasCode(error, (code) => code === '23505');
}
