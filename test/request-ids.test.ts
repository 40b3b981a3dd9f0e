import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createApp } from '../src/app.js';
import { loggedApp } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('request ids, SQL statement counts and the error log', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let logLines: string[];

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    ({ app, lines: logLines } = loggedApp(database));
  });
  afterAll(() => database?.close());

  async function post(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, body: JSON.parse(text) };
  }

  const traversal = () => post(contractOperation('ConflictTraversal'), { conflicts: 5, articles: 3 });

  it('gives every response a request id, keeping a sane one from the client', async () => {
    const [first, second] = await Promise.all([traversal(), traversal()]);
    expect(first.headers.get('x-request-id')).toMatch(UUID);
    expect(second.headers.get('x-request-id')).toMatch(UUID);
    expect(first.headers.get('x-request-id')).not.toBe(second.headers.get('x-request-id'));

    const kept = await post('{ __typename }', {}, { 'x-request-id': 'trace-42.a_b:c' });
    expect(kept.headers.get('x-request-id')).toBe('trace-42.a_b:c');

    for (const insane of ['has space', 'x'.repeat(129), '<script>', 'a"b']) {
      const replaced = await post('{ __typename }', {}, { 'x-request-id': insane });
      expect(replaced.headers.get('x-request-id'), insane).toMatch(UUID);
    }

    const health = await app.fetch('http://localhost/health');
    expect(health.headers.get('x-request-id')).toMatch(UUID);
  });

  it('counts the SQL statements each request sends, and only its own', async () => {
    database.sqlLog.length = 0;
    const alone = await traversal();
    expect(alone.body.errors).toBeUndefined();
    const traversalCount = Number(alone.headers.get('x-sql-statements'));
    expect(traversalCount).toBeGreaterThan(0);
    expect(traversalCount).toBe(database.sqlLog.length);

    const refetch = () => post(contractOperation('NodeRefetch'), { id: alone.body.data.conflicts.edges[0].node.id });
    const refetchCount = Number((await refetch()).headers.get('x-sql-statements'));
    expect(refetchCount).toBeGreaterThan(0);
    expect(refetchCount).not.toBe(traversalCount);

    // Interleaved on one event loop, each request still counts only the statements it sent.
    const mixed = await Promise.all(Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? traversal() : refetch())));
    expect(mixed.map((r) => Number(r.headers.get('x-sql-statements')))).toEqual(
      mixed.map((_, i) => (i % 2 === 0 ? traversalCount : refetchCount)),
    );

    const none = await post('{ __typename }');
    expect(none.headers.get('x-sql-statements')).toBe('0');
  });

  it('logs an unexpected error in one line with the request id; the client gets only the id', async () => {
    // A real fault: the table the query reads is gone.
    await database.database.db.execute(sql`alter table articles rename to articles_away`);
    let failed: Awaited<ReturnType<typeof post>>;
    try {
      failed = await post('query BrokenList { articles(first: 1) { totalCount } }', {}, { 'x-request-id': 'fault-7' });
    } finally {
      await database.database.db.execute(sql`alter table articles_away rename to articles`);
    }
    expect(failed.headers.get('x-request-id')).toBe('fault-7');
    const [error] = failed.body.errors;
    expect(error.message).toBe('Unexpected error.');
    expect(error.extensions).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', requestId: 'fault-7' });
    expect(error.extensions.originalError).toBeUndefined();
    expect(failed.text).not.toMatch(/relation|articles_away|select|stack|\.ts:\d+/i);

    const lines = logLines.filter((line) => JSON.parse(line).requestId === 'fault-7' && JSON.parse(line).level === 'error');
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    const event = JSON.parse(lines[0]!);
    expect(event.operation).toBe('BrokenList');
    expect(event.msg).toContain('relation "articles" does not exist');
  });
});
