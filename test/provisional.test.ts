import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { col, selectRows } from '../src/db/rows.js';
import type { TextLinker } from '../src/ingest/ingest.js';
import { syncKnowledgeBase } from '../src/ingest/knowledge-base.js';
import { relinkAll } from '../src/ingest/relink.js';
import { storeArticle, storeArticles, type ArticleLinks } from '../src/ingest/store.js';
import { loadKnowledgeBase } from '../src/linking/kb.js';
import type { ActorKind } from '../src/linking/types.js';
import { aggregateDrift, NO_DRIFT } from '../src/db/aggregate-drift.js';
import { testClient, WRITE_TOKEN } from './helpers/app.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';
import { parsedArticle } from './helpers/factories.js';
import { seedLinking } from './helpers/linking.js';

// Invented people and texts, written for these tests. Each test uses names of its own, so the
// tests do not depend on each other's order.
const RUW = 'russo-ukrainian-war';

interface Named {
  /** A provisional name (key, kind, description) or a knowledge-base slug. */
  key?: string;
  slug?: string;
  name: string;
  kind?: ActorKind;
  description?: string | null;
  /** The words that name it in the body; every occurrence is a mention. */
  texts: string[];
}

type Span = { start: number; end: number; text: string; method: 'DICTIONARY'; confidence: number };

/**
 * The mentions of each named actor: every whole-word occurrence of its words, longest words
 * first, none overlapping another (as the linker never gives two mentions of one span).
 */
function mentionsOf(body: string, named: Named[]): Span[][] {
  const taken: Span[] = [];
  const out: Span[][] = named.map(() => []);
  const words = named.flatMap((n, i) => n.texts.map((text) => ({ i, text }))).sort((a, b) => b.text.length - a.text.length);
  for (const { i, text } of words) {
    for (let at = body.indexOf(text); at >= 0; at = body.indexOf(text, at + 1)) {
      const end = at + text.length;
      if (/\p{L}/u.test(body[at - 1] ?? '') || /\p{L}/u.test(body[end] ?? '')) continue;
      if (taken.some((t) => t.start < end && at < t.end)) continue;
      const span: Span = { start: at, end, text, method: 'DICTIONARY', confidence: 0.9 };
      taken.push(span);
      out[i]!.push(span);
    }
  }
  return out.map((list) => list.sort((a, b) => a.start - b.start));
}

/** The links of a body naming the given actors, as a linker with a provisional detector gives them. */
function linksOf(body: string, named: Named[], conflicts: string[] = []): ArticleLinks {
  const mentions = mentionsOf(body, named);
  return {
    actors: named.flatMap((n, i) => (n.slug ? [{ slug: n.slug, mentions: mentions[i]! }] : [])),
    provisional: named.flatMap((n, i) =>
      n.key ? [{ key: n.key, name: n.name, kind: n.kind ?? 'PERSON', description: n.description ?? null, mentions: mentions[i]! }] : [],
    ),
    conflicts: conflicts.map((slug) => ({ slug, score: 0.6 })),
    unlinked: [],
  };
}

const RUSSIA: Named = { slug: 'russia', name: 'Rusland', texts: ['Rusland'] };
const PUTIN: Named = { slug: 'vladimir-putin', name: 'Poetin', texts: ['Poetin'] };

describe.each(backends)('provisional actors on %s', (backend) => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;
  let n = 0;
  const auth = { authorization: `Bearer ${WRITE_TOKEN}` };

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    client = testClient(database);
  });
  afterAll(() => database?.close());

  /** Stores an article whose body is `body`, naming `named`; returns its external id. */
  async function store(body: string, named: Named[], conflicts: string[] = [], publishedOn = '2030-03-01'): Promise<string> {
    n += 1;
    const article = parsedArticle({ externalId: `prov_${backend}_${n}`, body, publishedOn });
    await storeArticle(database.database.db, article, linksOf(body, named, conflicts));
    return article.externalId;
  }

  function person(key: string, name: string, description: string | null = null): Named {
    return { key, name, kind: 'PERSON', description, texts: [name, name.split(' ').at(-1)!].filter((t, i, all) => all.indexOf(t) === i) };
  }

  const ARTICLE = `query($id: String!, $status: [ActorStatus!]) { article(externalId: $id) {
    actors(status: $status) { actor { id slug name status description kind } mentionCount mentions { text method confidence sentence } }
    unlinkedMentions { text } } }`;

  async function actorRows(key: string) {
    return selectRows(
      database.database.db,
      sql`select a.id, a.slug, a.status from actor_names n join actors a on a.id = n.actor_id where n.key = ${key}`,
      { id: col.int, slug: col.text, status: col.text },
    );
  }

  it('links a name the knowledge base lacks to one provisional actor across articles, with mentions and description', async () => {
    const wanda = person('wanda-osterhaut', 'Wanda Osterhaut', 'Ruslandkenner');
    const first = await store('Ruslandkenner Wanda Osterhaut volgt Rusland al jaren. Osterhaut verwacht geen bestand.', [wanda, RUSSIA]);
    const second = await store('Volgens Wanda Osterhaut blijft Rusland aanvallen.', [{ ...wanda, description: null }, RUSSIA]);

    const rows = await actorRows('wanda-osterhaut');
    expect(rows).toEqual([{ id: rows[0]!.id, slug: 'wanda-osterhaut', status: 'PROVISIONAL' }]);
    const { article } = await client.query(ARTICLE, { id: first });
    const link = article.actors.find((a: any) => a.actor.slug === 'wanda-osterhaut');
    expect(link.actor).toMatchObject({ name: 'Wanda Osterhaut', status: 'PROVISIONAL', description: 'Ruslandkenner', kind: 'PERSON' });
    expect(link.mentionCount).toBe(2);
    expect(link.mentions.map((m: any) => m.text)).toEqual(['Wanda Osterhaut', 'Osterhaut']);
    expect(link.mentions[1].sentence).toBe('Osterhaut verwacht geen bestand.');
    const later = await client.query(ARTICLE, { id: second });
    expect(later.article.actors.map((a: any) => a.actor.id)).toContain(link.actor.id);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });

  it('gives a provisional actor whose key is another actor’s slug a numbered slug, the same for every article', async () => {
    const twin = person('russia', 'Russia Pellegrini');
    await store('Russia Pellegrini schrijft over Rusland.', [twin, RUSSIA]);
    await store('Pellegrini schreef eerder al over Rusland.', [{ ...twin, texts: ['Pellegrini'] }, RUSSIA]);
    const rows = await actorRows('russia');
    expect(rows).toEqual([{ id: rows[0]!.id, slug: 'russia-2', status: 'PROVISIONAL' }]);
    const { actor } = await client.query(`{ actor(slug: "russia") { status name } }`);
    expect(actor).toEqual({ status: 'CURATED', name: 'Russia' });
  });

  it('shows provisional actors in an article and in suggestions by default, in rankings and the actor list only when asked', async () => {
    const bram = person('bram-teldersma', 'Bram Teldersma', 'militair analist');
    for (let i = 0; i < 3; i += 1) await store(`Bram Teldersma ziet Rusland en Poetin sterker worden (${i}).`, [bram, RUSSIA, PUTIN], [RUW]);
    const id = (await actorRows('bram-teldersma'))[0]!.id;
    const has = (list: any[]) => list.some((row: any) => (row.actor ?? row).slug === 'bram-teldersma');
    const both = ['CURATED', 'PROVISIONAL'];

    const article = (await client.query(ARTICLE, { id: `prov_${backend}_${n}` })).article;
    expect(has(article.actors)).toBe(true);
    const curatedOnly = (await client.query(ARTICLE, { id: `prov_${backend}_${n}`, status: ['CURATED'] })).article;
    expect(has(curatedOnly.actors)).toBe(false);
    expect(curatedOnly.actors.length).toBe(article.actors.length - 1);

    const list = `query($s: [ActorStatus!]) { actors(first: 100, status: $s, kinds: [PERSON]) { totalCount edges { node { slug status } } } }`;
    const curated = (await client.query(list)).actors;
    expect(has(curated.edges.map((e: any) => e.node))).toBe(false);
    expect(curated.edges.every((e: any) => e.node.status === 'CURATED')).toBe(true);
    const provisional = (await client.query(list, { s: ['PROVISIONAL'] })).actors;
    expect(has(provisional.edges.map((e: any) => e.node))).toBe(true);
    expect(provisional.edges.every((e: any) => e.node.status === 'PROVISIONAL')).toBe(true);

    const coActors = `query($s: [ActorStatus!]) { actor(slug: "vladimir-putin") { coActors(first: 50, status: $s) { actor { slug } } } }`;
    expect(has((await client.query(coActors)).actor.coActors)).toBe(false);
    expect(has((await client.query(coActors, { s: both })).actor.coActors)).toBe(true);

    const network = `query($s: [ActorStatus!]) { conflict(slug: "${RUW}") { network(first: 100, status: $s) { nodes { actor { slug } } edges { source { slug } target { slug } } } } }`;
    expect(has((await client.query(network)).conflict.network.nodes)).toBe(false);
    const wide = (await client.query(network, { s: both })).conflict.network;
    expect(has(wide.nodes)).toBe(true);
    expect(wide.edges.some((e: any) => e.source.slug === 'bram-teldersma' || e.target.slug === 'bram-teldersma')).toBe(true);

    const facets = `query($s: [ActorStatus!], $f: ArticleFilter) { articles(filter: $f) { facets { actors(first: 50, status: $s) { actor { slug } articleCount } } } }`;
    const since = { publishedFrom: '2030-01-01' };
    expect(has((await client.query(facets, { f: since })).articles.facets.actors)).toBe(false);
    const facet = (await client.query(facets, { s: both, f: since })).articles.facets.actors.find((f: any) => f.actor.slug === 'bram-teldersma');
    expect(facet.articleCount).toBe(3);

    const suggest = `query($s: [ActorStatus!]) { actorSuggest(prefix: "teldersm", status: $s) { actor { id } } }`;
    expect((await client.query(suggest)).actorSuggest.map((s: any) => s.actor.id)).toContain(Buffer.from(`Actor:${id}`).toString('base64'));
    expect((await client.query(suggest, { s: ['CURATED'] })).actorSuggest).toEqual([]);

    const refused = await client.fail(list, { s: ['REJECTED'] });
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'status' } });
  });

  it('queues provisional actors most widespread first, page by page, with example mentions', async () => {
    const names = [person('queue-aster', 'Ilse Queueaster'), person('queue-birk', 'Joost Queuebirk'), person('queue-cor', 'Karel Queuecor')];
    // Aster in 3 articles, Birk in 5, Cor in 1.
    for (let i = 0; i < 5; i += 1) await store(`Joost Queuebirk spreekt in Brussel (${i}).`, [names[1]!], [], `2031-0${i + 1}-01`);
    for (let i = 0; i < 3; i += 1) await store(`Ilse Queueaster reist naar Kyiv (${i}).`, [names[0]!]);
    await store('Karel Queuecor zwijgt.', [names[2]!]);

    const queue = `query($after: String) { curationQueue(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { actor { slug status } articleCount mentionCount examples(first: 2) { text sentence } } } } }`;
    const all: any[] = [];
    let after: string | null = null;
    let total = 0;
    do {
      const page: any = (await client.query(queue, { after })).curationQueue;
      all.push(...page.edges.map((e: any) => e.node));
      total = page.totalCount;
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(all).toHaveLength(total);
    expect(all.every((c) => c.actor.status === 'PROVISIONAL')).toBe(true);
    const counts = all.map((c) => c.articleCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    const ours = all.filter((c) => c.actor.slug.startsWith('queue-')).map((c) => [c.actor.slug, c.articleCount, c.mentionCount]);
    expect(ours).toEqual([
      ['queue-birk', 5, 5],
      ['queue-aster', 3, 3],
      ['queue-cor', 1, 1],
    ]);
    const birk = all.find((c) => c.actor.slug === 'queue-birk');
    // The latest articles first: May, then April.
    expect(birk.examples).toEqual([
      { text: 'Joost Queuebirk', sentence: 'Joost Queuebirk spreekt in Brussel (4).' },
      { text: 'Joost Queuebirk', sentence: 'Joost Queuebirk spreekt in Brussel (3).' },
    ]);
  });

  it('loads the queue with its actors and examples in the same statements for one candidate as for many', async () => {
    const people = ['Pia', 'Rik', 'Ans', 'Ted', 'Mia', 'Bas'].map((first) => person(`${first.toLowerCase()}-stmtvoort`, `${first} Stmtvoort`));
    for (let i = 0; i < 2; i += 1) await store(`${people.map((p) => p.name).join(', ')} en Poetin spreken (${i}).`, [...people, PUTIN]);
    const queue = `query($first: Int!) { curationQueue(first: $first) { totalCount edges { node { articleCount
      actor { id slug coActors(status: [CURATED, PROVISIONAL]) { actor { slug } } } examples { text sentence } } } } }`;
    const statements = async (first: number) => {
      database.sqlLog.length = 0;
      const data = await client.query(queue, { first });
      expect(data.curationQueue.edges).toHaveLength(first);
      expect(data.curationQueue.edges.every((e: any) => e.node.examples.length > 0)).toBe(true);
      return database.sqlLog.length;
    };
    const one = await statements(1);
    expect(await statements(6)).toBe(one);
  });

  describe('curation mutations', () => {
    const PROMOTE = `mutation($id: ID!, $slug: String, $name: String, $description: String, $kind: ActorKind) {
      promoteActor(id: $id, slug: $slug, name: $name, description: $description, kind: $kind) {
        articleCount actor { id slug name nameNl status description kind aliases } } }`;
    const MERGE = `mutation($id: ID!, $into: ID!) { mergeActor(id: $id, into: $into) { articleCount actor { id slug status aliases } } }`;
    const REJECT = `mutation($id: ID!) { rejectActor(id: $id) { articleCount actor { id slug status } } }`;
    const globalId = (id: number) => Buffer.from(`Actor:${id}`).toString('base64');

    it('need the write token, and name the argument that is wrong', async () => {
      const nina = person('nina-vercauteren', 'Nina Vercauteren');
      await store('Nina Vercauteren bemiddelt.', [nina]);
      const id = globalId((await actorRows('nina-vercauteren'))[0]!.id);
      const russia = (await client.query(`{ actor(slug: "russia") { id } }`)).actor.id;

      expect(await client.fail(REJECT, { id })).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await client.fail(REJECT, { id }, { authorization: 'Bearer wrong' })).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect(await client.fail(REJECT, { id: 'nonsense' }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'id' } });
      expect(await client.fail(REJECT, { id: globalId(2_000_000_000) }, auth)).toMatchObject({ code: 'NOT_FOUND', extensions: { argument: 'id' } });
      const conflictId = (await client.query(`{ conflict(slug: "${RUW}") { id } }`)).conflict.id;
      expect(await client.fail(MERGE, { id, into: conflictId }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'into' } });
      expect(await client.fail(MERGE, { id, into: id }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'into' } });
      expect(await client.fail(MERGE, { id: russia, into: id }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'id' } });
      expect(await client.fail(MERGE, { id, into: globalId(2_000_000_000) }, auth)).toMatchObject({ code: 'NOT_FOUND', extensions: { argument: 'into' } });
      expect(await client.fail(PROMOTE, { id: russia }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'id' } });
      expect(await client.fail(PROMOTE, { id, slug: 'Not A Slug' }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'slug' } });
      expect(await client.fail(PROMOTE, { id, slug: 'russia' }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'slug' } });
      expect(await client.fail(PROMOTE, { id, name: '  ' }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'name' } });
      // Nothing changed by the refused calls.
      expect(await actorRows('nina-vercauteren')).toEqual([expect.objectContaining({ status: 'PROVISIONAL', slug: 'nina-vercauteren' })]);
    });

    it('merge folds a provisional actor into another: links, mentions and counts move, the name links there from then on', async () => {
      const variant = person('wladimir-poetinski', 'Wladimir Poetinski');
      const both = await store('Wladimir Poetinski en Poetin zijn dezelfde man voor Rusland.', [variant, PUTIN, RUSSIA], [RUW]);
      const alone = await store('Wladimir Poetinski dreigt opnieuw.', [variant], [RUW], '2030-05-01');
      const id = globalId((await actorRows('wladimir-poetinski'))[0]!.id);
      const putin = (await client.query(`{ actor(slug: "vladimir-putin") { id } }`)).actor.id;
      const before = (await client.query(ARTICLE, { id: both })).article.actors.find((a: any) => a.actor.slug === 'vladimir-putin');

      const { mergeActor } = await client.query(MERGE, { id, into: putin }, auth);
      expect(mergeActor.articleCount).toBe(2);
      expect(mergeActor.actor).toMatchObject({ id: putin, status: 'CURATED' });
      expect(mergeActor.actor.aliases).toContain('Wladimir Poetinski');

      const after = (await client.query(ARTICLE, { id: both })).article.actors;
      const folded = after.filter((a: any) => a.actor.id === putin);
      expect(folded).toHaveLength(1);
      expect(folded[0].mentionCount).toBe(before.mentionCount + 1);
      expect(folded[0].mentions.map((m: any) => m.text)).toEqual(['Wladimir Poetinski', 'Poetin']);
      expect((await client.query(ARTICLE, { id: alone })).article.actors.map((a: any) => a.actor.id)).toEqual([putin]);
      expect((await client.query(`query($id: ID!) { node(id: $id) { id } }`, { id })).node).toBeNull();
      expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);

      const next = await store('Poetinski spreekt het parlement toe.', [{ ...variant, texts: ['Poetinski'] }]);
      expect((await client.query(ARTICLE, { id: next })).article.actors.map((a: any) => a.actor.id)).toEqual([putin]);
      expect(await actorRows('wladimir-poetinski')).toEqual([expect.objectContaining({ slug: 'vladimir-putin' })]);
    });

    it('merge of one provisional actor into another keeps one provisional actor with both names', async () => {
      const a = person('olaf-brinkhorst', 'Olaf Brinkhorst');
      const b = person('olaf-brinckhorst', 'Olaf Brinckhorst');
      await store('Olaf Brinkhorst leidt de missie.', [a]);
      await store('Olaf Brinckhorst leidt de missie ook hier.', [b]);
      const [ida, idb] = [(await actorRows('olaf-brinkhorst'))[0]!.id, (await actorRows('olaf-brinckhorst'))[0]!.id];
      const { mergeActor } = await client.query(MERGE, { id: globalId(idb), into: globalId(ida) }, auth);
      expect(mergeActor.actor).toMatchObject({ slug: 'olaf-brinkhorst', status: 'PROVISIONAL', aliases: ['Olaf Brinckhorst'] });
      expect(mergeActor.articleCount).toBe(1);
      const queue = (await client.query(`{ curationQueue(first: 100) { edges { node { actor { slug } articleCount } } } }`)).curationQueue.edges;
      expect(queue.map((e: any) => e.node).filter((c: any) => c.actor.slug.startsWith('olaf-'))).toEqual([{ actor: { slug: 'olaf-brinkhorst' }, articleCount: 2 }]);
    });

    it('reject drops the links, turns the mentions into unlinked names, and keeps the name unlinked in later articles', async () => {
      const fake = person('de-grote-verkiezing', 'De Grote Verkiezing');
      fake.kind = 'ORGANIZATION';
      fake.texts = ['De Grote Verkiezing'];
      const first = await store('De Grote Verkiezing in Rusland wordt uitgesteld.', [fake, RUSSIA], [RUW]);
      const id = globalId((await actorRows('de-grote-verkiezing'))[0]!.id);

      const { rejectActor } = await client.query(REJECT, { id }, auth);
      expect(rejectActor).toEqual({ articleCount: 1, actor: { id, slug: 'de-grote-verkiezing', status: 'REJECTED' } });
      const article = (await client.query(ARTICLE, { id: first })).article;
      expect(article.actors.map((a: any) => a.actor.slug)).toEqual(['russia']);
      expect(article.unlinkedMentions).toEqual([{ text: 'De Grote Verkiezing' }]);
      expect((await client.query(`{ actor(slug: "de-grote-verkiezing") { id } }`)).actor).toBeNull();
      expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
      expect(await client.fail(REJECT, { id }, auth)).toMatchObject({ code: 'NOT_FOUND', extensions: { argument: 'id' } });

      const again = await store('De Grote Verkiezing komt er toch.', [fake]);
      const later = (await client.query(ARTICLE, { id: again })).article;
      expect(later.actors).toEqual([]);
      expect(later.unlinkedMentions).toEqual([{ text: 'De Grote Verkiezing' }]);
      expect(await actorRows('de-grote-verkiezing')).toEqual([expect.objectContaining({ status: 'REJECTED' })]);
    });

    it('promote curates an actor that keeps its links through a knowledge-base sync, and new articles link to it', async () => {
      const marit = person('marit-oostlander', 'Marit Oostlander', 'waarnemer');
      const first = await store('Marit Oostlander leidt de waarnemers in Rusland.', [marit, RUSSIA]);
      const id = globalId((await actorRows('marit-oostlander'))[0]!.id);
      const { promoteActor } = await client.query(
        PROMOTE,
        { id, slug: 'marit-oostlander-osce', name: 'Marit Oostlander-Visser', description: 'Head of an OSCE observer mission' },
        auth,
      );
      expect(promoteActor).toEqual({
        articleCount: 1,
        actor: {
          id,
          slug: 'marit-oostlander-osce',
          name: 'Marit Oostlander-Visser',
          nameNl: 'Marit Oostlander-Visser',
          status: 'CURATED',
          description: 'Head of an OSCE observer mission',
          kind: 'PERSON',
          aliases: ['Marit Oostlander'],
        },
      });
      expect(await client.fail(PROMOTE, { id }, auth)).toMatchObject({ code: 'BAD_USER_INPUT', extensions: { argument: 'id' } });

      await syncKnowledgeBase(database.database.db, seedLinking().kb);
      const { actor } = await client.query(`{ actor(slug: "marit-oostlander-osce") { id status name aliases } }`);
      expect(actor).toEqual({ id, status: 'CURATED', name: 'Marit Oostlander-Visser', aliases: ['Marit Oostlander'] });
      expect((await client.query(ARTICLE, { id: first, status: ['CURATED'] })).article.actors.map((a: any) => a.actor.id)).toContain(id);
      const next = await store('Oostlander keert terug.', [{ ...marit, texts: ['Oostlander'] }]);
      expect((await client.query(ARTICLE, { id: next })).article.actors.map((a: any) => a.actor.id)).toEqual([id]);
      const listed = (await client.query(`{ actorSuggest(prefix: "oostlander", status: [CURATED]) { actor { id } matchedName } }`)).actorSuggest;
      expect(listed.map((s: any) => s.actor.id)).toEqual([id]);
    });

    it('a knowledge-base entry with a provisional actor’s slug takes over its row, links and all', async () => {
      const ken = person('kenji-arntzen', 'Kenji Arntzen');
      const stored = await store('Kenji Arntzen onderhandelt namens Rusland.', [ken, RUSSIA]);
      const id = globalId((await actorRows('kenji-arntzen'))[0]!.id);
      const kb = loadKnowledgeBase();
      kb.actors.push({ slug: 'kenji-arntzen', name: 'Kenji Arntzen', nameNl: 'Kenji Arntzen', kind: 'PERSON', aliases: ['K. Arntzen'], wikidataId: null, roles: [] });
      await syncKnowledgeBase(database.database.db, kb);
      const { actor } = await client.query(`{ actor(slug: "kenji-arntzen") { id status aliases } }`);
      expect(actor).toEqual({ id, status: 'CURATED', aliases: ['K. Arntzen'] });
      expect((await client.query(ARTICLE, { id: stored, status: ['CURATED'] })).article.actors.map((a: any) => a.actor.id)).toContain(id);
      await syncKnowledgeBase(database.database.db, seedLinking().kb);
    });
  });

  it('writes a batch with new provisional names in the same statements for 3 articles as for 30', async () => {
    const batch = (size: number, tag: string) =>
      Array.from({ length: size }, (_, i) => {
        const names = [0, 1].map((k) => person(`batch-${tag}-${i}-${k}`, `Batchpersoon ${tag}${i}x${k} Vanbatch`, k ? 'getuige' : null));
        const body = `${names[0]!.name} en ${names[1]!.name} getuigen over Rusland.`;
        n += 1;
        return { article: parsedArticle({ externalId: `prov_${backend}_${n}`, body }), links: linksOf(body, [...names, RUSSIA]) };
      });
    const statements = async (size: number, tag: string) => {
      database.sqlLog.length = 0;
      const outcomes = await storeArticles(database.database.db, batch(size, tag));
      expect(outcomes.every((o) => o.status === 'CREATED')).toBe(true);
      return database.sqlLog.length;
    };
    const few = await statements(3, 'a');
    expect(await statements(30, 'b')).toBe(few);
    const created = await selectRows(
      database.database.db,
      sql`select count(*)::int as count from actors where status = 'PROVISIONAL' and slug like 'batch-b-%'`,
      { count: col.int },
    );
    expect(created).toEqual([{ count: 60 }]);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });

  it('ends with one actor when concurrent ingests create the same provisional actor', async () => {
    const lotte = person('lotte-zandvliet', 'Lotte Zandvliet', 'woordvoerder');
    const bodies = Array.from({ length: 8 }, (_, i) => `Lotte Zandvliet bevestigt de aanval op Rusland (${i}).`);
    await Promise.all(bodies.map((body) => store(body, [lotte, RUSSIA])));
    const rows = await actorRows('lotte-zandvliet');
    expect(rows).toHaveLength(1);
    const links = await selectRows(
      database.database.db,
      sql`select count(*)::int as count from article_actors where actor_id = ${rows[0]!.id}`,
      { count: col.int },
    );
    expect(links).toEqual([{ count: 8 }]);
    const actors = await selectRows(database.database.db, sql`select count(*)::int as count from actors where name = 'Lotte Zandvliet'`, { count: col.int });
    expect(actors).toEqual([{ count: 1 }]);
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });
});

describe.each(backends)('provisional actors through ingestArticle and a relink on %s', (backend) => {
  let database: TestDatabase;
  let linker: TextLinker;
  let client: ReturnType<typeof testClient>;
  const auth = { authorization: `Bearer ${WRITE_TOKEN}` };

  // Invented people and text.
  const text = (n: number) => ` date 2021-0${n} De diplomate Jorunn Vandermeersch leidt de waarnemers in Oekraïne.

Volgens Jorunn Vandermeersch moeten Rusland en Oekraïne praten. Ook haar adjunct Marit Oosterlinck reist mee (${n}).`;
  const ARTICLE = `query($id: String!) { article(externalId: $id) { actors { actor { id slug status } mentions { text method } } unlinkedMentions { text } } }`;
  const INGEST = `mutation($input: IngestArticleInput!) { ingestArticle(input: $input) { status } }`;

  beforeAll(async () => {
    database = await openTestDatabase(backend, { seed: false });
    linker = database.linker;
    client = testClient({ ...database, linker });
  });
  afterAll(() => database?.close());

  it('links named people on ingest; a promotion and a rejection hold through a relink and later articles', async () => {
    await client.query(INGEST, { input: { externalId: 'e2e_1', text: text(1) } }, auth);
    const first = (await client.query(ARTICLE, { id: 'e2e_1' })).article;
    const byslug = (article: any, slug: string) => article.actors.find((a: any) => a.actor.slug === slug);
    expect(byslug(first, 'jorunn-vandermeersch').mentions).toEqual([
      { text: 'Jorunn Vandermeersch', method: 'RULE' },
      { text: 'Jorunn Vandermeersch', method: 'RULE' },
    ]);
    expect(byslug(first, 'marit-oosterlinck').actor.status).toBe('PROVISIONAL');
    expect(byslug(first, 'russia')).toBeDefined();
    expect(first.unlinkedMentions).toEqual([]);

    const jorunn = byslug(first, 'jorunn-vandermeersch').actor.id;
    await client.query(`mutation($id: ID!) { promoteActor(id: $id, description: "diplomate") { actor { status } } }`, { id: jorunn }, auth);
    await client.query(`mutation($id: ID!) { rejectActor(id: $id) { actor { status } } }`, { id: byslug(first, 'marit-oosterlinck').actor.id }, auth);

    // What a start with a changed knowledge base does: every article linked again.
    expect(await relinkAll(database.database.db, linker)).toBe(1);
    await client.query(INGEST, { input: { externalId: 'e2e_2', text: text(2) } }, auth);
    for (const id of ['e2e_1', 'e2e_2']) {
      const article = (await client.query(ARTICLE, { id })).article;
      expect(byslug(article, 'jorunn-vandermeersch').actor).toEqual({ id: jorunn, slug: 'jorunn-vandermeersch', status: 'CURATED' });
      expect(byslug(article, 'marit-oosterlinck')).toBeUndefined();
      expect(article.unlinkedMentions).toEqual([{ text: 'Marit Oosterlinck' }]);
    }
    expect(await aggregateDrift(database.database.db)).toEqual(NO_DRIFT);
  });
});
