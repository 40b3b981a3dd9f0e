import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { globalIdsBySlug, testClient } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { addArticle, type ArticleSpec } from './helpers/factories.js';

const RUW = 'russo-ukrainian-war';
const SCW = 'syrian-civil-war';
const US = 'united-states';
const PUTIN = 'vladimir-putin';

// Dated after the seeds, so that from 2030 Russia's co-actors are exactly these: Ukraine in three
// articles, then Syria, the Taliban, the United States and Putin in one each (a tie, ranked by name).
const SPECS: ArticleSpec[] = [
  { externalId: 'ca1', publishedOn: '2030-01-10', actorSlugs: ['russia', 'ukraine', 'syria'], conflictSlugs: [RUW] },
  { externalId: 'ca2', publishedOn: '2030-01-20', actorSlugs: ['russia', 'ukraine', 'taliban'], conflictSlugs: [RUW] },
  { externalId: 'ca3', publishedOn: '2030-02-05', actorSlugs: ['russia', US], conflictSlugs: [SCW] },
  { externalId: 'ca4', publishedOn: '2030-03-17', actorSlugs: ['russia', PUTIN, 'ukraine'], conflictSlugs: [RUW] },
  { externalId: 'ca5', publishedOn: '2030-03-20', actorSlugs: [US, 'ukraine', 'syria'], conflictSlugs: [RUW, SCW] },
];
const FROM = '2030-01-01';
/** Syria is made provisional: listed only when a list asks for provisional actors too. */
const PROVISIONAL = 'syria';

const pairs = (list: any[]) => list.map((c) => [c.actor.slug, c.articleCount]);

describe.each(backends)('co-actors on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  const id: Record<string, string> = {};

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    client = testClient(database);
    for (const spec of SPECS) await addArticle(database.database.db, spec);
    await database.database.db.execute(sql`update actors set status = 'PROVISIONAL' where slug = ${PROVISIONAL}`);
    Object.assign(id, await globalIdsBySlug(client, SPECS));
  });
  afterAll(() => database?.close());

  async function logged(operation: string, variables: Record<string, unknown> = {}) {
    database.sqlLog.length = 0;
    const data = await client.query(operation, variables);
    return { data, log: [...database.sqlLog] };
  }

  it('ranks by shared articles, ties by name, the first N, curated actors unless asked', async () => {
    const { actor } = await client.query(`{ actor(slug: "russia") {
      all: coActors(from: "${FROM}") { articleCount actor { slug name } }
      top: coActors(from: "${FROM}", first: 2) { articleCount actor { slug } }
      every: coActors(from: "${FROM}", status: [CURATED, PROVISIONAL]) { articleCount actor { slug } } } }`);
    expect(actor.all[0]).toMatchObject({ articleCount: 3, actor: { slug: 'ukraine' } });
    const tied = actor.all.slice(1);
    expect(tied.map((c: any) => c.actor.slug).sort()).toEqual(['taliban', US, PUTIN].sort());
    expect(tied.map((c: any) => c.articleCount)).toEqual([1, 1, 1]);
    expect(tied.map((c: any) => c.actor.name)).toEqual(tied.map((c: any) => c.actor.name).sort());
    expect(pairs(actor.top)).toEqual(pairs(actor.all).slice(0, 2));
    expect(actor.every.map((c: any) => c.actor.slug).sort()).toEqual(['ukraine', PROVISIONAL, 'taliban', US, PUTIN].sort());
  });

  it('lists the same co-actors whether or not Jaccard and PMI are asked for, in every restriction', async () => {
    const restrictions = [
      '',
      'first: 3',
      `from: "${FROM}"`,
      `from: "${FROM}", to: "2030-02-28"`,
      `from: "2030-01-15", to: "2030-03-18"`,
      'conflict: $ruw',
      `conflict: $ruw, from: "${FROM}"`,
      `conflict: $ruw, from: "2030-01-15"`,
      'status: [CURATED, PROVISIONAL], first: 50',
    ];
    for (const slug of ['russia', 'ukraine', US]) {
      for (const args of restrictions) {
        const list = args ? `coActors(${args})` : 'coActors';
        const ruw = args.includes('$ruw');
        const { actor } = await client.query(
          `query${ruw ? '($ruw: ID)' : ''} { actor(slug: "${slug}") {
            cheap: ${list} { articleCount actor { slug } }
            measured: ${list} { articleCount jaccard pmi actor { slug } } } }`,
          ruw ? { ruw: id[RUW] } : {},
        );
        expect(pairs(actor.cheap), `${slug} (${args})`).toEqual(pairs(actor.measured));
        for (const c of actor.measured) {
          expect(c.jaccard).toBeGreaterThan(0);
          expect(c.jaccard).toBeLessThanOrEqual(1);
          expect(Number.isFinite(c.pmi)).toBe(true);
        }
      }
    }
  });

  it('reads the counts of single actors and of the corpus only for Jaccard or PMI', async () => {
    const counters = /actor_month_counts|corpus_month_counts|conflict_actor_counts|conflict_month_counts/;
    const cheap = await logged(`{ actor(slug: "russia") { coActors { articleCount actor { id } } } }`);
    const coActorStatement = (log: string[]) => log.find((statement) => statement.includes('actor_pair_counts'));
    expect(coActorStatement(cheap.log), cheap.log.join('\n')).not.toMatch(counters);
    const measuring = [
      `{ actor(slug: "russia") { coActors { articleCount pmi actor { id } } } }`,
      `{ actor(slug: "russia") { coActors { articleCount ... on CoActor { jaccard } actor { id } } } }`,
      `{ actor(slug: "russia") { coActors { articleCount ...measures actor { id } } } } fragment measures on CoActor { pmi }`,
    ];
    for (const operation of measuring) {
      const measured = await logged(operation);
      expect(coActorStatement(measured.log), measured.log.join('\n')).toMatch(counters);
      expect(measured.data.actor.coActors.map((c: any) => c.articleCount)).toEqual(cheap.data.actor.coActors.map((c: any) => c.articleCount));
    }
  });

  it('serves every actor of a list in one statement, each as it is served alone', async () => {
    const list = await logged(`{ actors(first: 12) { edges { node { slug coActors(first: 3) { articleCount actor { slug } } } } } }`);
    expect(list.log, list.log.join('\n')).toHaveLength(2);
    const nodes = list.data.actors.edges.map((e: any) => e.node);
    expect(nodes.filter((node: any) => node.coActors.length === 3).length).toBeGreaterThan(3);
    for (const node of nodes) {
      const alone = await client.query(`{ actor(slug: "${node.slug}") { coActors(first: 3) { articleCount actor { slug } } } }`);
      expect(pairs(node.coActors), node.slug).toEqual(pairs(alone.actor.coActors));
    }
  });
});
