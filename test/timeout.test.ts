import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskUnexpected } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
import { isStatementTimeout } from '../src/db/errors.js';
import { CLIENT_GONE_MESSAGE, yogaLoggerOf } from '../src/http/server-log.js';
import { createLogger } from '../src/log.js';
import { currentRequestScope, runInRequestScope } from '../src/request-scope.js';
import { postgresUrl } from './helpers/db.js';

describe.runIf(postgresUrl)('statement timeout on Postgres', () => {
  it('stops a statement that runs too long, and the API reports TIMEOUT without the driver message', async () => {
    const database = await openDatabase({ url: postgresUrl!, statementTimeoutMs: 100, maxConnections: 1 });
    try {
      const error = await database.db.execute(sql`select pg_sleep(2)`).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).not.toBeNull();
      const masked = maskUnexpected(new GraphQLError('resolver failed', { originalError: error as Error }), 'Unexpected error.');
      expect(masked).toBeInstanceOf(GraphQLError);
      expect((masked as GraphQLError).extensions.code).toBe('TIMEOUT');
      expect(masked.message).not.toMatch(/canceling statement|pg_sleep/);
    } finally {
      await database.close();
    }
  });

  it('masks any other database error as an unexpected error', () => {
    const driverError = Object.assign(new Error('relation "secret_table" does not exist'), { code: '42P01' });
    const masked = maskUnexpected(new GraphQLError('resolver failed', { originalError: driverError }), 'Unexpected error.');
    expect(masked.message).toBe('Unexpected error.');
  });

  it('logs a statement cancelled because its client went away at info, saying so, and a real timeout as an error', async () => {
    // Postgres gives both the same code (57014): a timeout and a cancel request alike.
    const database = await openDatabase({ url: postgresUrl!, statementTimeoutMs: 100, maxConnections: 1 });
    let cancelled: unknown;
    try {
      cancelled = await database.db.execute(sql`select pg_sleep(2)`).then(
        () => null,
        (e: unknown) => e,
      );
    } finally {
      await database.close();
    }
    expect(isStatementTimeout(cancelled)).toBe(true);
    const lines: string[] = [];
    const yogaLogger = yogaLoggerOf(createLogger({ write: (line) => void lines.push(line) }));
    const failed = new GraphQLError('resolver failed', { originalError: cancelled as Error });
    const events = () => lines.splice(0).map((line) => JSON.parse(line) as Record<string, unknown>);

    // The client aborted its request: the database layer cancelled the statement for it.
    const aborter = new AbortController();
    aborter.abort();
    runInRequestScope('gone-1', () => {
      currentRequestScope()!.signal = aborter.signal;
      yogaLogger.error(failed);
    });
    const [gone] = events();
    expect(gone).toMatchObject({ level: 'info', requestId: 'gone-1' });
    expect(gone!.msg).toContain(CLIENT_GONE_MESSAGE);
    expect(gone!.msg).toContain('57014');

    // The client still waits: the statement ran out of time, which the operator must see.
    runInRequestScope('slow-1', () => {
      currentRequestScope()!.signal = new AbortController().signal;
      yogaLogger.error(failed);
    });
    const [timeout] = events();
    expect(timeout).toMatchObject({ level: 'error', requestId: 'slow-1' });
    expect(timeout!.msg).not.toContain(CLIENT_GONE_MESSAGE);

    // Any other error of a request whose client went away is still an error.
    runInRequestScope('gone-2', () => {
      currentRequestScope()!.signal = aborter.signal;
      yogaLogger.error(new GraphQLError('resolver failed', { originalError: Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }) }));
    });
    expect(events()).toMatchObject([{ level: 'error', requestId: 'gone-2' }]);
  });
});
