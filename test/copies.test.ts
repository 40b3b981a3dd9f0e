import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import { parseArticle } from '../src/corpus/parse.js';
import { LOCK_ALL_FROM } from '../src/ingest/grouping-lock.js';
import { createIngestor } from '../src/ingest/ingest.js';
import { linkArticle } from '../src/ingest/link.js';
import { relinkAll } from '../src/ingest/relink.js';
import { storePlaces } from '../src/ingest/places.js';
import { storeProvisionalActors } from '../src/ingest/provisional.js';
import { storeArticle, storeArticles, type LinkedArticle } from '../src/ingest/store.js';
import { testClient } from './helpers/app.js';
import { backends, openTestDatabase, postgresUrl, waitForLockWait, type TestDatabase } from './helpers/db.js';

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
    // At most one statement per level: the list, the page's copies, the copies' copies. The last is
    // left out when the page already loaded them all (a request's DataLoader keeps what it loaded),
    // which the larger page is likelier to have: so the larger page sends no more, not always as many.
    const small = await count(2);
    expect(small).toBeLessThanOrEqual(3);
    expect(await count(20)).toBeLessThanOrEqual(small);
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

// Written for this test: short notices of made-up harbour works, each numbered and with its own
// mix of words, to fill a batch large enough to lock all grouping at once (LOCK_ALL_FROM).
const WORDS = ['kade', 'sluis', 'kraan', 'loods', 'dijk', 'brug', 'steiger', 'boei', 'tanker', 'veerpont', 'gemaal', 'zandplaat', 'baggeraar', 'vuurtoren'];
const filler = (i: number) => {
  const words = Array.from({ length: 40 }, (_, j) => WORDS[(i * 7 + j * (i % 5 + 3)) % WORDS.length]).join(' ');
  return { externalId: `werk-${i}`, text: ` date 2023-05 Werkzaamheden ${i}\n\n0${1 + (i % 9)}/05/23 - 09u00 Bron: ANP\n\nBericht ${i} over ${words}.\n` };
};

describe.skipIf(!postgresUrl)('a large batch and a single writer storing copies of each other at the same moment on Postgres (needs TEST_DATABASE_URL)', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await openTestDatabase('postgres', { seed: false });
  });
  afterAll(() => database?.close());

  const linked = (text: { externalId: string; text: string }) => {
    const article = parseArticle(text);
    return { article, links: linkArticle(database.linker, article) };
  };
  const byId = (externalId: string) => texts.find((t) => t.externalId === externalId)!;

  /**
   * Stores `first` and, while its transaction is open, starts `second`: it must wait for the commit.
   * Their places and provisional actors are stored before, as a load stores them before its batch,
   * so that nothing but the grouping locks orders the two.
   */
  async function race(items: LinkedArticle[], first: (tx: typeof database.database.db) => Promise<unknown>, second: () => Promise<unknown>) {
    await storePlaces(database.database.db, items.flatMap((i) => i.links.places ?? []));
    await storeProvisionalActors(database.database.db, items.flatMap((i) => i.links.provisional));
    let secondDone = false;
    let secondWrite: Promise<unknown> = Promise.resolve();
    await database.database.db.transaction(async (tx) => {
      await first(tx);
      secondWrite = second().then(() => (secondDone = true));
      await waitForLockWait(database.database.db);
      expect(secondDone).toBe(false);
    });
    await secondWrite;
  }

  async function copyIds(externalId: string): Promise<string[]> {
    const rows = await selectRows(
      database.database.db,
      sql`select c.external_id as "externalId" from article_copies p join articles a on a.id = p.article_id join articles c on c.id = p.copy_id
          where a.external_id = ${externalId} order by 1`,
      { externalId: col.text },
    );
    return rows.map((row) => row.externalId);
  }

  it('makes a single writer wait for a large batch holding a copy of its article, then find it', async () => {
    const batch = [linked(byId('d1a-kharkiv-markt-anp')), ...Array.from({ length: LOCK_ALL_FROM }, (_, i) => linked(filler(i)))];
    const copy = linked(byId('d1b-kharkiv-markt-kort'));
    await race(
      [...batch, copy],
      (tx) => storeArticles(tx, batch),
      () => storeArticle(database.database.db, copy.article, copy.links),
    );
    expect(await copyIds('d1b-kharkiv-markt-kort')).toEqual(['d1a-kharkiv-markt-anp']);
  });

  it('makes a large batch wait for a single writer holding a copy of one of its articles, then find it', async () => {
    const single = linked(byId('d2a-rode-zee-schip-anp'));
    const batch = [linked(byId('d2b-rode-zee-schip-kort')), ...Array.from({ length: LOCK_ALL_FROM }, (_, i) => linked(filler(100 + i)))];
    await race(
      [single, ...batch],
      (tx) => storeArticle(tx, single.article, single.links),
      () => storeArticles(database.database.db, batch),
    );
    expect(await copyIds('d2b-rode-zee-schip-kort')).toEqual(['d2a-rode-zee-schip-anp']);
    const [locks] = await selectRows(database.database.db, sql`select count(*)::int as count from band_locks`, { count: col.int });
    expect(locks!.count).toBe(0);
  });
});
