/**
 * Every `extensions.code` a client may get, with what it tells the client: the one list. Each place
 * that raises an error types its code as an ErrorCode, and the README's table is this list
 * (test/error-codes.test.ts fails when they differ; it prints the table to paste).
 */
export const ERROR_CODES = {
  BAD_USER_INPUT: 'An argument or variable is wrong; `extensions.argument` names it (such as `filter.actors.all[1]`).',
  NOT_FOUND: 'A mutation names something that does not exist (a curation of an unknown actor); `extensions.argument` names it.',
  UNAUTHENTICATED: 'A mutation without `Authorization: Bearer <WRITE_TOKEN>`, or with another token.',
  FORBIDDEN: 'Writes are off on this server (no `WRITE_TOKEN`), or a mutation came from a browser origin not in `CORS_ORIGINS` (HTTP 403).',
  QUERY_TOO_COMPLEX:
    'The query is too deep, wide, costly or long, or its predicted answer is larger than `MAX_ANSWER_BYTES` (`extensions` give the figures).',
  PAYLOAD_TOO_LARGE: 'The request body is larger than 2 MiB (HTTP 413).',
  TIMEOUT: 'A statement ran longer than `STATEMENT_TIMEOUT_MS` and was stopped.',
  TOO_MANY_SUBSCRIPTIONS: 'The client (or the server) holds as many subscriptions as it may; close one first.',
  DATABASE_UNAVAILABLE:
    'The database connection was lost or refused; the response carries `Retry-After: 1`, and retrying makes sense.',
  SERVER_BUSY:
    'No room for the request\'s work now (HTTP 503 with `Retry-After: 1`); see [Work in flight](#work-in-flight).',
  CLIENT_CLOSED_REQUEST:
    'The client closed the connection before its answer was complete, so the server stopped the work; the client does not see it, the log does.',
  SERVICE_UNAVAILABLE: 'The server is starting and its database is not ready yet.',
  PERSISTED_QUERY_ONLY: 'With persisted operations on: the request sent a query text, or named no operation, instead of the hash of one.',
  PERSISTED_QUERY_NOT_FOUND: 'With persisted operations on: no operation has this hash.',
} as const satisfies Record<string, string>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The README's table of the codes, as test/error-codes.test.ts expects it between its markers. */
export function errorCodeTable(): string {
  const rows = Object.entries(ERROR_CODES).map(([code, meaning]) => `| \`${code}\` | ${meaning} |`);
  return ['| code | what it means |', '|---|---|', ...rows].join('\n');
}
