import { sql } from 'drizzle-orm';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maskUnexpected } from '../src/app.js';
import { openDatabase } from '../src/db/client.js';
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
});
