import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { openDatabase, type Database } from '../src/db/client.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { openTestDatabase, postgresUrl, type TestDatabase } from './helpers/db.js';

const ARTICLE = ` date 2022-04 President Vladimir Poetin stuurt meer troepen naar het oosten van Oekraïne.

Het Kremlin zegt dat de gesprekken met Kiev vastzitten.

bron: Belga`;

const CONFLICT_ARTICLES = `query ($slug: String!) {
  conflict(slug: $slug) { id articles(first: 100) { totalCount edges { node { externalId } } } }
}`;

const INGEST = `mutation ($input: IngestArticleInput!) {
  ingestArticle(input: $input) {
    status
    article { externalId conflicts { conflict { slug } } }
  }
}`;

if (!postgresUrl) console.warn('read-replicas.test.ts: TEST_DATABASE_URL is not set, so the routing to read replicas is not tested.');

/**
 * The primary and the "replica" are two different databases, both migrated and seeded, with no
 * replication between them: where each statement lands shows which one served it, and an article
 * written to the primary is missing on the replica, as it would be during replication lag.
 */
describe.skipIf(!postgresUrl)('read replicas', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  // A second pool on the replica database with its own log, standing for a second replica.
  let second: Database;
  const secondLog: string[] = [];

  beforeAll(async () => {
    [primary, replica] = await Promise.all([openTestDatabase('postgres', { seed: false }), openTestDatabase('postgres', { seed: false })]);
    second = await openDatabase({ url: replica.database.url!, maxConnections: 2, onQuery: (query) => secondLog.push(query) });
  });
  afterAll(async () => {
    await second?.close();
    await Promise.all([primary?.close(), replica?.close()]);
  });

  function app() {
    return createApp({ db: primary.database.db, replicas: [replica.database.db, second.db], linker: primary.linker, writeToken: WRITE_TOKEN });
  }

  async function post(yoga: ReturnType<typeof app>, query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}) {
    const response = await yoga.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    expect(body.errors, `${query}\n${JSON.stringify(body)}`).toBeUndefined();
    return body.data;
  }

  function clearLogs() {
    primary.sqlLog.length = 0;
    replica.sqlLog.length = 0;
    secondLog.length = 0;
  }

  it('serves queries from the replicas in turn, never from the primary', async () => {
    const yoga = app();
    clearLogs();
    await post(yoga, CONFLICT_ARTICLES, { slug: 'russo-ukrainian-war' });
    expect(primary.sqlLog).toEqual([]);
    expect(replica.sqlLog.length).toBeGreaterThan(0);
    expect(secondLog).toEqual([]);

    clearLogs();
    await post(yoga, CONFLICT_ARTICLES, { slug: 'russo-ukrainian-war' });
    expect(primary.sqlLog).toEqual([]);
    expect(replica.sqlLog).toEqual([]);
    expect(secondLog.length).toBeGreaterThan(0);
  });

  it('writes through the primary and reads the mutation payload from it too; a query right after may lag', async () => {
    const yoga = app();
    clearLogs();
    const input = { externalId: 'replica_probe', text: ARTICLE };
    const written = await post(yoga, INGEST, { input }, { authorization: `Bearer ${WRITE_TOKEN}` });
    expect(written.ingestArticle.status).toBe('CREATED');
    // The payload was read after the write, from the primary: the replica does not have the article.
    expect(written.ingestArticle.article.externalId).toBe('replica_probe');
    expect(written.ingestArticle.article.conflicts.map((c: any) => c.conflict.slug)).toContain('russo-ukrainian-war');
    expect(primary.sqlLog.some((q) => /insert into "?articles"? /i.test(q))).toBe(true);
    expect(primary.sqlLog.some((q) => /^select/i.test(q))).toBe(true);
    expect([...replica.sqlLog, ...secondLog]).toEqual([]);

    // This "replica" never catches up, so a query shows what a lagging one would: not the new article.
    clearLogs();
    const read = await post(yoga, `{ article(externalId: "replica_probe") { id } }`, {});
    expect(read.article).toBeNull();
    expect(primary.sqlLog).toEqual([]);
  });

  it('is ready only while the primary and every replica answer', async () => {
    expect((await app().fetch('http://localhost/ready')).status).toBe(200);
    const down = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', maxConnections: 1 });
    try {
      const yoga = createApp({ db: primary.database.db, replicas: [replica.database.db, down.db], linker: primary.linker });
      expect((await yoga.fetch('http://localhost/ready')).status).toBe(503);
    } finally {
      await down.close();
    }
  });
});
