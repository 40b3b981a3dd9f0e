import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { createIngestor } from '../src/ingest/ingest.js';
import { relinkAll } from '../src/ingest/relink.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

/*
 * Copies of one dispatch are found at ingest and served as Article.copies and Article.original,
 * whatever the order or the concurrency of the ingests. Texts: test/fixtures/copies (written for
 * the evaluation); its labels say which texts are copies of one dispatch.
 */

const dir = fileURLToPath(new URL('./fixtures/copies/', import.meta.url));
const labels = JSON.parse(readFileSync(`${dir}labels.json`, 'utf8')).articles as Record<string, { dispatch: string }>;
const texts = readdirSync(dir)
  .filter((name) => name.endsWith('.txt'))
  .sort()
  .map((name) => ({ externalId: name.slice(0, -4), text: readFileSync(`${dir}${name}`, 'utf8') }));
const dispatchOf = (externalId: string) => labels[externalId]!.dispatch;
/** The labelled copies of an article, by external id, sorted. */
const labelledCopies = (externalId: string) =>
  texts.filter((t) => t.externalId !== externalId && dispatchOf(t.externalId) === dispatchOf(externalId)).map((t) => t.externalId).sort();

const COPIES = /* GraphQL */ `
  query Copies($externalId: String!) {
    article(externalId: $externalId) {
      externalId
      copies { similarity article { externalId publishedOn } }
      original { externalId }
    }
  }
`;

describe.each(backends)('copies of a dispatch on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
    const ingestor = createIngestor(database.database.db, database.linker);
    // All at once: on Postgres, copies are stored by concurrent transactions on several connections.
    await Promise.all(texts.map((text) => ingestor.ingestText(text)));
  });
  afterAll(() => database?.close());

  async function copiesOf(externalId: string) {
    const data = await client.query(COPIES, { externalId });
    return data.article as { copies: { similarity: number; article: { externalId: string; publishedOn: string } }[]; original: { externalId: string } };
  }

  it('lists as copies the labelled copies of each article, and nothing else, even when they were ingested at the same moment', async () => {
    for (const { externalId } of texts) {
      const article = await copiesOf(externalId);
      expect(article.copies.map((c) => c.article.externalId).sort(), externalId).toEqual(labelledCopies(externalId));
      for (const copy of article.copies) expect(copy.similarity).toBeGreaterThanOrEqual(0.6);
    }
  });

  it('names the earliest article of a dispatch as the original of each of its copies', async () => {
    const article = await copiesOf('d1c-kharkiv-markt-extra');
    const all = [...article.copies.map((c) => c.article), { externalId: 'd1c-kharkiv-markt-extra', publishedOn: '2023-05-12' }];
    expect(all.every((a) => a.publishedOn === '2023-05-12')).toBe(true);
    // Same day: the first stored wins; every member of the group agrees on it.
    const originals = new Set<string>();
    for (const { externalId } of all) originals.add((await copiesOf(externalId)).original.externalId);
    expect(originals.size).toBe(1);
    expect((await copiesOf('l1-kharkiv-station')).original.externalId).toBe('l1-kharkiv-station');
  });

  it('regroups an article whose text changes: its old copies forget it, and its new ones find it', async () => {
    const ingestor = createIngestor(database.database.db, database.linker);
    const other = texts.find((t) => t.externalId === 'd4a-el-fasher-anp')!;
    const result = await ingestor.ingestText({ externalId: 'd1b-kharkiv-markt-kort', text: other.text.replace('Het laatste', 'Ook het laatste') });
    expect(result.status).toBe('UPDATED');
    expect((await copiesOf('d1b-kharkiv-markt-kort')).copies.map((c) => c.article.externalId).sort()).toEqual(
      ['d4a-el-fasher-anp', ...labelledCopies('d4a-el-fasher-anp')].sort(),
    );
    expect((await copiesOf('d1a-kharkiv-markt-anp')).copies.map((c) => c.article.externalId)).not.toContain('d1b-kharkiv-markt-kort');
    expect((await copiesOf('d4b-el-fasher-kort')).copies.map((c) => c.article.externalId)).toContain('d1b-kharkiv-markt-kort');
  });

  it('gives articles stored before copies were detected their copies on a relink', async () => {
    const db = database.database.db;
    const before = await copiesOf('d2a-rode-zee-schip-anp');
    await db.execute(sql`delete from article_copies`);
    await db.execute(sql`delete from article_bands`);
    await db.execute(sql`delete from article_fingerprints`);
    expect((await copiesOf('d2a-rode-zee-schip-anp')).copies).toEqual([]);
    // Small batches: pairs across batches are found too.
    await relinkAll(db, database.linker, () => {}, 4);
    expect(await copiesOf('d2a-rode-zee-schip-anp')).toEqual(before);
    // d1b holds another text since the test before: it is left out on both sides.
    const changed = 'd1b-kharkiv-markt-kort';
    for (const { externalId } of texts.filter((t) => t.externalId !== changed)) {
      const found = (await copiesOf(externalId)).copies.map((c) => c.article.externalId).filter((id) => id !== changed);
      expect(found.sort(), externalId).toEqual(labelledCopies(externalId).filter((id) => id !== changed));
    }
  });

  it('loads copies and originals of a whole page in a constant number of statements', async () => {
    const PAGE = /* GraphQL */ `
      query Page($first: Int!) {
        articles(first: $first) { edges { node { id copies { article { id copies { article { id } } } } original { id } } } }
      }
    `;
    const count = async (first: number) => {
      database.sqlLog.length = 0;
      await client.query(PAGE, { first });
      return database.sqlLog.length;
    };
    expect(await count(20)).toBe(await count(2));
  });

  it('keeps one fingerprint and the same number of bands per article, and no band lock after the commit', async () => {
    const rows = await selectRows(
      database.database.db,
      sql`select (select count(*) from articles)::int as articles, (select count(*) from article_fingerprints)::int as prints,
                 (select count(*) from article_bands)::int as bands, (select count(*) from band_locks)::int as locks`,
      { articles: col.int, prints: col.int, bands: col.int, locks: col.int },
    );
    expect(rows[0]).toEqual({ articles: texts.length, prints: texts.length, bands: texts.length * 64, locks: 0 });
  });
});
