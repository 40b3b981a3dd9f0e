import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { storeArticle } from '../src/ingest/store.js';
import { jsonAtLeast, jsonMediaTypeOf, jsonPieces, STREAM_FROM_BYTES } from '../src/http/streamed-answers.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';
import { parsedArticle } from './helpers/factories.js';

describe('unit: JSON in pieces', () => {
  it('writes what JSON.stringify writes, in pieces of at least the size asked but the last', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 1, max: 64 }), (value, size) => {
        const pieces = [...jsonPieces(value, size)];
        expect(pieces.join('')).toBe(JSON.stringify(value));
        for (const piece of pieces.slice(0, -1)) expect(piece.length).toBeGreaterThanOrEqual(size);
      }),
    );
  });

  it('leaves out and writes null where JSON.stringify does, and calls toJSON', () => {
    const value = {
      kept: 1,
      gone: undefined,
      fn: () => 1,
      list: [undefined, () => 1, Symbol('s'), 2],
      day: new Date('2024-02-24T00:00:00Z'),
      boxed: new String('text'),
      own: { toJSON: (key: string) => `called for ${key}` },
      nothing: null,
      infinite: Infinity,
    };
    expect([...jsonPieces(value, 4)].join('')).toBe(JSON.stringify(value));
    expect([...jsonPieces(undefined, 4)].join('')).toBe('null');
  });

  it('tells whether a value reaches a size without counting all of it', () => {
    const big = { items: Array.from({ length: 1_000 }, (_, i) => ({ text: 'x'.repeat(100), i })) };
    expect(jsonAtLeast(big, 50_000)).toBe(true);
    expect(jsonAtLeast(big, JSON.stringify(big).length * 2)).toBe(false);
    expect(jsonAtLeast({ a: 'short' }, 1_000)).toBe(false);
  });

  it('answers in the JSON type Yoga would choose for the Accept header', () => {
    const typeFor = (accept?: string) =>
      jsonMediaTypeOf(new Request('http://localhost/graphql', { method: 'POST', headers: accept ? { accept } : {} }));
    expect(typeFor()).toBe('application/json');
    expect(typeFor('*/*')).toBe('application/json');
    expect(typeFor('application/json')).toBe('application/json');
    expect(typeFor('application/graphql-response+json')).toBe('application/graphql-response+json');
    expect(typeFor('application/graphql-response+json, application/json;q=0.9')).toBe('application/graphql-response+json');
    expect(typeFor('text/event-stream')).toBeNull();
    expect(typeFor('application/json; charset=latin1')).toBeNull();
  });
});

describe('large answers through the app', () => {
  let database: TestDatabase;
  const BODY_BYTES = 24 * 1024;
  const ARTICLES = 16;
  const QUERY = `{ articles(first: ${ARTICLES}, filter: { search: "vuurpijlen" }) { edges { node { externalId body } } } }`;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    // Bodies of 24 KB: the page of 16 is some 384 KB, over the size from which answers are streamed.
    const sentence = 'De vuurpijlen vielen de hele nacht op de stad, meldden bewoners aan de telefoon. ';
    for (let i = 0; i < ARTICLES; i += 1) {
      const body = `${sentence.repeat(Math.ceil(BODY_BYTES / sentence.length))}Stuk ${i}.`;
      await storeArticle(database.database.db, parsedArticle({ body }), { actors: [], conflicts: [], provisional: [], unlinked: [] });
    }
  });
  afterAll(() => database?.close());

  const post = (app: ReturnType<typeof createApp>, query: string, accept = 'application/json') =>
    app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify({ query }),
    });

  it('streams an answer over the size, the same JSON as the small one, with Yoga’s status, type and extensions', async () => {
    const app = createApp({ db: database.database.db, linker: database.linker });
    expect(STREAM_FROM_BYTES).toBeLessThan(ARTICLES * BODY_BYTES);
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await post(app, QUERY, accept);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(`${accept}; charset=utf-8`);
      // Written in pieces: no length known beforehand.
      expect(response.headers.get('content-length')).toBeNull();
      const text = await response.text();
      const body = JSON.parse(text);
      expect(text).toBe(JSON.stringify(body));
      expect(body.data.articles.edges).toHaveLength(ARTICLES);
      expect(body.data.articles.edges[0].node.body.length).toBeGreaterThan(BODY_BYTES);
      expect(body.extensions.cost.complexity).toBeGreaterThan(0);
    }
    // A small answer keeps its length, and says the same of the same articles.
    const small = await post(app, QUERY.replace(`first: ${ARTICLES}`, 'first: 2'));
    expect(Number(small.headers.get('content-length'))).toBeGreaterThan(0);
    const smallBody = await small.json();
    const large = await (await post(app, QUERY)).json();
    expect(large.data.articles.edges.slice(0, 2)).toEqual(smallBody.data.articles.edges);
  });

  it('counts a streamed answer as work in flight until its last piece is read', async () => {
    // A budget the large answer fills (it weighs some 66 units, its predicted KiB): other requests
    // wait 50 ms for room, then are refused.
    const app = createApp({
      db: database.database.db,
      linker: database.linker,
      admission: { budget: 50, clientShare: 1, freeCost: 1, queueWaitMs: 50 },
    });
    const unread = await post(app, QUERY);
    expect(unread.headers.get('content-length')).toBeNull();
    const meanwhile = await (await post(app, '{ articles(first: 2) { totalCount } }')).json();
    expect(meanwhile.errors?.[0]?.extensions?.code).toBe('SERVER_BUSY');
    await unread.text();
    const after = await (await post(app, '{ articles(first: 2) { totalCount } }')).json();
    expect(after.errors).toBeUndefined();
    expect(after.data.articles.totalCount).toBeGreaterThanOrEqual(ARTICLES);
  });
});
