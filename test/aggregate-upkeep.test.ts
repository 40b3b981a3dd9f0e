import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/client.js';
import { col, selectRows } from '../src/db/rows.js';
import { globalIdsBySlug, testClient } from './helpers/app.js';
import { AFG, aggregateDrift, LATER_ARTICLES, NO_DRIFT as NONE, RUW, SCW, US } from './helpers/aggregates.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addArticle } from './helpers/factories.js';

/** Thrown to roll a test's writes back. */
class RollBack extends Error {}

// The counts that the triggers of migrations 0009, 0012 and 0013 keep (corpus_month_counts, actor_pair_counts …),
// against a count from scratch after every kind of write.
describe.each(backends)('precomputed aggregates on %s', (backend) => {
  let database: TestDatabase;
  let db: Db;
  const idOf: Record<string, number> = {};
  /** The drift and the number of actor pairs on the seed corpus alone. */
  const seeds = { drift: {} as Record<string, number>, pairs: 0 };

  const countsOf = async (on: Db, table: string) =>
    (await selectRows(on, sql.raw(`select count(*)::int as n from ${table}`), { n: col.int }))[0]!.n;

  /** Runs `write` in a transaction rolled back after it: its checks see the writes, the other tests do not. */
  async function rolledBack(write: (tx: Db) => Promise<void>): Promise<void> {
    try {
      await db.transaction(async (tx) => {
        await write(tx);
        throw new RollBack();
      });
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
  }

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    db = database.database.db;
    const entities = await selectRows(
      db,
      sql`select slug, id from actors where slug in ('russia', 'ukraine', 'united-states', 'syria', 'taliban')
          union all select slug, id from conflicts where slug in (${RUW}, ${SCW}, ${AFG})`,
      { slug: col.text, id: col.int },
    );
    for (const { slug, id } of entities) idOf[slug] = id;
    seeds.drift = await aggregateDrift(db);
    seeds.pairs = await countsOf(db, 'actor_pair_totals');
    for (const spec of LATER_ARTICLES) await addArticle(db, { ...spec, externalId: `agg_${spec.externalId}` });
  });
  afterAll(() => database?.close());

  it('equal a count from scratch after the seed corpus and after more articles', async () => {
    expect(seeds.drift).toEqual(NONE);
    expect(seeds.pairs).toBeGreaterThan(10);
    expect(await aggregateDrift(db)).toEqual(NONE);
  });

  it('give the API the same answers as counting the articles', async () => {
    // Every article meets these restrictions, yet they send each aggregate down its counting path.
    const since = '"1899-12-31"';
    const all = `{ publishedFrom: ${since} }`;
    const facets = `facets { actors(first: 100) { articleCount actor { slug } } conflicts(first: 100) { articleCount conflict { slug } }
      months(first: 100) { month articleCount } }`;
    const network = 'nodes { articleCount actor { slug } } edges { source { slug } target { slug } weight jaccard pmi }';
    const coActors = 'articleCount jaccard pmi actor { slug }';
    const query = (filter: string, period: string) => `query($c: ID) {
      articles(first: 1${filter}) { totalCount timeline { period articleCount corpusArticleCount } ${facets} }
      conflict(slug: "${RUW}") {
        timeline${filter ? `(${filter.slice(2)})` : ''} { period articleCount corpusArticleCount }
        articles(first: 1${filter}) { totalCount ${facets} }
        network${period ? `(${period})` : ''} { ${network} }
      }
      actor(slug: "russia") {
        timeline${filter ? `(${filter.slice(2)})` : ''} { period articleCount corpusArticleCount }
        articles(first: 1${filter}) { totalCount ${facets} }
        coActors(first: 100${period ? `, ${period}` : ''}) { ${coActors} }
        inConflict: coActors(first: 100, conflict: $c${period ? `, ${period}` : ''}) { ${coActors} }
      }
    }`;
    const client = testClient(database);
    const variables = { c: (await globalIdsBySlug(client, [{ conflictSlugs: [RUW] }]))[RUW] };
    const precomputed = await client.query(query('', ''), variables);
    const counted = await client.query(query(`, filter: ${all}`, `from: ${since}`), variables);
    expect(precomputed.conflict.network.edges.length).toBeGreaterThan(3);
    expect(precomputed.actor.inConflict.length).toBeGreaterThan(2);
    expect(precomputed).toEqual(counted);
  });

  it('follow a batch written with one statement per table, as a bulk ingest writes it', async () => {
    const [russia, ukraine, us] = [idOf.russia!, idOf.ukraine!, idOf[US]!];
    await db.transaction(async (tx) => {
      const created = await selectRows(
        tx,
        sql`insert into articles (external_id, content_hash, title, body, raw, published_on, date_precision)
            select 'bulk_' || n, 'bulk_hash_' || n, 'Bulk ' || n, 'Tekst ' || n, 'Tekst ' || n, date '2030-05-01' + n, 'DAY'
            from generate_series(1, 3) n returning id`,
        { id: col.int },
      );
      const ids = `{${created.map((row) => row.id).join(',')}}`;
      await tx.execute(sql`
        insert into article_actors (article_id, actor_id, mention_count, published_on)
        select a.id, x.actor_id, 1, a.published_on
        from articles a cross join unnest(${`{${russia},${ukraine},${us}}`}::int[]) x(actor_id)
        where a.id = any(${ids}::int[])`);
      await tx.execute(sql`
        insert into article_conflicts (article_id, conflict_id, score, published_on)
        select a.id, ${idOf[RUW]!}, 0.5, a.published_on from articles a where a.id = any(${ids}::int[])`);
    });
    expect(await aggregateDrift(db)).toEqual(NONE);
  });

  it('follow an article stored again with another date, other actors and another conflict', async () => {
    const before = { externalId: 'again_1', publishedOn: '2030-02-05', actorSlugs: ['russia', 'ukraine'], conflictSlugs: [RUW] };
    await addArticle(db, before);
    await addArticle(db, {
      externalId: before.externalId,
      publishedOn: '2029-12-24',
      body: 'Een andere tekst over dezelfde zaak, nu met andere partijen erin genoemd.',
      actorSlugs: ['syria', 'taliban', US],
      conflictSlugs: [SCW, AFG],
    });
    expect(await aggregateDrift(db)).toEqual(NONE);
  });

  it('follow deletes: of links, of both link tables in one statement, of whole articles', async () => {
    const links = { actorSlugs: ['russia', 'ukraine', US], conflictSlugs: [RUW, SCW] };
    const [first, second, third] = [
      await addArticle(db, { externalId: 'deleted_1', publishedOn: '2030-03-01', ...links }),
      await addArticle(db, { externalId: 'deleted_2', publishedOn: '2030-03-02', ...links }),
      await addArticle(db, { externalId: 'deleted_3', publishedOn: '2030-04-03', ...links }),
    ];
    await db.execute(sql`delete from article_actors where article_id = ${first} and actor_id = ${idOf.russia!}`);
    await db.execute(sql`delete from article_conflicts where article_id = ${first}`);
    expect(await aggregateDrift(db)).toEqual(NONE);
    // Both link tables change in one statement: neither trigger sees the other's old rows.
    await db.execute(sql`with a as (delete from article_actors where article_id = ${second} returning 1),
                                  c as (delete from article_conflicts where article_id = ${second} returning 1)
                         select (select count(*) from a) + (select count(*) from c) as n`);
    expect(await aggregateDrift(db)).toEqual(NONE);
    // Deleting articles cascades to both link tables at once.
    await db.execute(sql`delete from articles where id in (${second}, ${third})`);
    expect(await aggregateDrift(db)).toEqual(NONE);
  });

  it('stay as they were when the writing transaction rolls back', async () => {
    const before = await countsOf(db, 'conflict_actor_pair_totals');
    await expect(
      db.transaction(async (tx) => {
        await addArticle(tx, { externalId: 'agg_rolled_back', publishedOn: '2031-06-01', actorSlugs: ['russia', 'syria'], conflictSlugs: [SCW] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await countsOf(db, 'conflict_actor_pair_totals')).toBe(before);
    expect(await aggregateDrift(db)).toEqual(NONE);
  });

  // Rolled back, so that the other tests keep their conflicts; the recount is made before the
  // commit would make it (deferred triggers fire when set to IMMEDIATE).
  it('are recounted when a link table is truncated', async () => {
    await rolledBack(async (tx) => {
      await tx.execute(sql`truncate article_conflicts`);
      await tx.execute(sql`set constraints all immediate`);
      expect(await countsOf(tx, 'conflict_actor_counts')).toBe(0);
      expect(await countsOf(tx, 'actor_pair_totals')).toBeGreaterThan(10);
      expect(await aggregateDrift(tx)).toEqual(NONE);
    });
  });
  // A database with articles before migration 0019 gets its totals from that migration's own
  // statements: emptied here (rolled back), counted again by them, equal to a count from scratch.
  it('of each actor and conflict over all time are counted by their migration on a database with articles', async () => {
    const migration = readFileSync(new URL('../migrations/0019_entity_totals.sql', import.meta.url), 'utf8');
    const backfill = migration.split('--> statement-breakpoint').map((part) => part.trim()).filter((part) => part.startsWith('INSERT INTO'));
    expect(backfill).toHaveLength(2);
    await rolledBack(async (tx) => {
      await tx.execute(sql`delete from actor_counts`);
      await tx.execute(sql`delete from conflict_counts`);
      expect(await aggregateDrift(tx)).not.toEqual(NONE);
      for (const statement of backfill) await tx.execute(sql.raw(statement));
      expect(await countsOf(tx, 'conflict_totals')).toBeGreaterThan(2);
      expect(await aggregateDrift(tx)).toEqual(NONE);
    });
  });
});
