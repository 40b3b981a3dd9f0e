import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeArticle } from '../src/ingest/store.js';
import { createArticleEvents, type ArticleEvents } from '../src/live/events.js';
import { globalIdsBySlug, testClient, WRITE_TOKEN } from './helpers/app.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';
import { parsedArticle } from './helpers/factories.js';
import { subscribeSse, until, type SseSubscription } from './helpers/live.js';

// Written for these tests: short agency-style items.
const PUTIN = ' date 2023-05 Vladimir Poetin sprak in Moskou over de oorlog in Oekraïne en dreigde het Westen.\n\nbron: Belga';
const PUTIN_AFP = ' date 2023-05 President Poetin ontving in het Kremlin een Chinese delegatie.\n\nbron: AFP';
const TALIBAN = ' date 2023-05 De Taliban verbieden in Afghanistan opnieuw onderwijs voor meisjes.\n\nbron: Belga';

const INGEST = 'mutation Ingest($input: IngestArticleInput!) { ingestArticle(input: $input) { status article { id } } }';
const LIVE = `subscription Live($filter: ArticleFilter) {
  articleIngested(filter: $filter) { id title sources actors { actor { slug } } story { id articleCount } }
}`;

describe('articleIngested in one process (PGlite, Server-Sent Events through yoga.fetch)', () => {
  let database: TestDatabase;
  let events: ArticleEvents;
  let client: ReturnType<typeof testClient>;
  const open: SseSubscription[] = [];
  const fetchApp = (url: string, init: RequestInit) => Promise.resolve(client.app.fetch(url, init));
  const ingest = async (externalId: string, text: string) =>
    (await client.query(INGEST, { input: { externalId, text } }, { authorization: `Bearer ${WRITE_TOKEN}` })).ingestArticle;
  const subscribe = async (query: string, variables: Record<string, unknown> = {}) => {
    const subscription = await subscribeSse(fetchApp, 'http://localhost/graphql', query, variables);
    open.push(subscription);
    return subscription;
  };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    events = createArticleEvents({ corpus: 'live-test' });
    client = testClient(database, { events });
  });
  afterAll(async () => {
    for (const subscription of open) subscription.close();
    await events?.close();
    await database?.close();
  });

  it('delivers each new or changed article that meets the filter, as an Article, and nothing else', async () => {
    const ids = await globalIdsBySlug(client, [{ actorSlugs: ['vladimir-putin'] }]);
    const putinNotAfp = await subscribe(LIVE, { filter: { actors: { any: [ids['vladimir-putin']] }, not: { sources: ['AFP'] } } });
    const talibanOrFuture = await subscribe(LIVE, { filter: { or: [{ search: 'taliban' }, { publishedFrom: '2030-01-01' }] } });
    expect([putinNotAfp.status, talibanOrFuture.status]).toEqual([200, 200]);
    await until(() => events.open === 2, 'both subscriptions listening');
    database.sqlLog.length = 0;

    // Subscribers take announcements in order, so the first one each receives tells what it was not sent.
    // Each announcement is made once both subscribers wait for it: a subscriber still delivering the
    // previous article asks later, in a statement of its own, which the count below would not tell apart.
    const matching = () => database.sqlLog.filter((query) => query.includes('as "m0"'));
    const afp = await ingest('live_putin_afp', PUTIN_AFP);
    await until(() => matching().length === 1, 'the AFP article matched');
    const taliban = await ingest('live_taliban', TALIBAN);
    expect((await talibanOrFuture.inbox.nextData()).articleIngested.id).toBe(taliban.article.id);
    const putin = await ingest('live_putin', PUTIN);
    expect([afp.status, taliban.status, putin.status]).toEqual(['CREATED', 'CREATED', 'CREATED']);

    const first = (await putinNotAfp.inbox.nextData()).articleIngested;
    expect(first).toMatchObject({ id: putin.article.id, sources: ['Belga'] });
    expect(first.actors.map((link: { actor: { slug: string } }) => link.actor.slug)).toContain('vladimir-putin');
    // The story is stored in the article's transaction, so it is there when the article is heard of.
    const stored = await client.query(`query ($id: ID!) { node(id: $id) { ... on Article { story { id articleCount } } } }`, { id: putin.article.id });
    expect(first.story).toEqual(stored.node.story);
    expect(first.story.articleCount).toBeGreaterThanOrEqual(1);

    // Unchanged and duplicate texts are not announced; a changed text is, with what is stored now.
    expect((await ingest('live_putin', PUTIN)).status).toBe('UNCHANGED');
    expect((await ingest('live_putin_copy', PUTIN)).status).toBe('DUPLICATE');
    const changed = PUTIN.replace('Vladimir Poetin sprak', 'Vladimir Poetin sprak dinsdag');
    expect((await ingest('live_putin', changed)).status).toBe('UPDATED');
    const second = (await putinNotAfp.inbox.nextData()).articleIngested;
    expect(second.id).toBe(putin.article.id);
    expect(second.title).toContain('Poetin sprak dinsdag');

    // Four announcements, each matched for both subscribers in one statement.
    expect(matching()).toHaveLength(4);
    expect(matching().every((query) => query.includes('as "m1"'))).toBe(true);
  });

  it('announces the articles a curation relinked to subscribers whose filter they now meet', async () => {
    const ids = await globalIdsBySlug(client, [{ actorSlugs: ['ukraine'] }]);
    const before = events.open;
    const ukraine = await subscribe(LIVE, { filter: { actors: { any: [ids.ukraine] } } });
    await until(() => events.open === before + 1, 'the subscription listening');
    // Stored without announcement: an article naming a person the knowledge base lacks (invented).
    const body = 'Onderhandelaar Arvid Molenkamp vertrekt naar Genève.';
    const start = body.indexOf('Arvid Molenkamp');
    await storeArticle(database.database.db, parsedArticle({ externalId: 'live_provisional', title: 'Molenkamp naar Genève', body }), {
      actors: [],
      conflicts: [],
      unlinked: [],
      provisional: [{ key: 'arvid-molenkamp', name: 'Arvid Molenkamp', kind: 'PERSON', description: null,
        mentions: [{ start, end: start + 15, text: 'Arvid Molenkamp', method: 'DICTIONARY', confidence: 1 }] }],
    });
    const provisional = (await client.query(`{ actor(slug: "arvid-molenkamp") { id } }`)).actor.id;
    await client.query(`mutation($id: ID!, $into: ID!) { mergeActor(id: $id, into: $into) { articleCount } }`, { id: provisional, into: ids.ukraine },
      { authorization: `Bearer ${WRITE_TOKEN}` });
    const heard = (await ukraine.inbox.nextData()).articleIngested;
    expect(heard.title).toBe('Molenkamp naar Genève');
    expect(heard.actors.map((link: { actor: { slug: string } }) => link.actor.slug)).toEqual(['ukraine']);
  });

  it('refuses a bad filter and a subscription over the cost limit before it starts', async () => {
    const bad = await subscribe(LIVE, { filter: { publishedFrom: '2024-02-01', publishedTo: '2024-01-01' } });
    const refusal = await bad.inbox.next();
    expect(refusal.kind === 'next' && refusal.payload.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const costly = await subscribe(`subscription { articleIngested { actors { actor {
      articles(first: 100) { edges { node { actors { actor { articles(first: 100) { edges { node { actors { actor { slug } } } } } } } } } }
    } } } }`);
    const tooMuch = await costly.inbox.next();
    expect(tooMuch.kind === 'next' && tooMuch.payload.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('ends open subscriptions when the announcements close (the server stops)', async () => {
    const subscription = await subscribe(LIVE);
    await until(() => events.open >= 1, 'the subscription listening');
    await events.close();
    expect(await subscription.inbox.next()).toEqual({ kind: 'complete' });
  });
});
