import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { contractOperation } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

const LISTED = 'https://news.example.org';
const FOREIGN = 'https://evil.example';

describe('CORS and the origin of writes', () => {
  let database: TestDatabase;
  let closed: ReturnType<typeof createApp>;
  let open: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { seed: false });
    const options = { db: database.database.db, linker: database.linker, writeToken: WRITE_TOKEN, log: () => {} };
    closed = createApp(options);
    open = createApp({ ...options, corsOrigins: [LISTED] });
  });
  afterAll(() => database?.close());

  const preflight = (app: ReturnType<typeof createApp>, origin: string) =>
    app.fetch('http://localhost/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });

  let counter = 0;
  async function ingest(app: ReturnType<typeof createApp>, origin: string | null) {
    counter += 1;
    const input = { externalId: `cors_${counter}`, text: ` date 2022-0${counter % 9 || 1} Gesprekken over een bestand in Doha, poging ${counter}.\n` };
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${WRITE_TOKEN}`,
        ...(origin ? { origin } : {}),
      },
      body: JSON.stringify({ query: contractOperation('IngestArticle'), variables: { input } }),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as any, externalId: input.externalId };
  }

  async function stored(externalId: string): Promise<boolean> {
    const response = await closed.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($id: String!) { article(externalId: $id) { id } }', variables: { id: externalId } }),
    });
    return ((await response.json()) as any).data.article !== null;
  }

  it('by default grants no preflight and no reading to a foreign origin', async () => {
    const response = await preflight(closed, FOREIGN);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    expect(response.headers.get('access-control-allow-headers')).toBeNull();
    const read = await closed.fetch('http://localhost/graphql?query=%7B__typename%7D', { headers: { origin: FOREIGN } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('by default refuses a mutation from a foreign origin, even with the token, and stores nothing', async () => {
    const refused = await ingest(closed, FOREIGN);
    expect(refused.status).toBe(403);
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'FORBIDDEN', origin: FOREIGN });
    expect(refused.body.errors[0].message).toContain(FOREIGN);
    expect(await stored(refused.externalId)).toBe(false);
  });

  it('takes a mutation from its own origin and from clients that send no origin', async () => {
    const same = await ingest(closed, 'http://localhost');
    expect(same.body.errors).toBeUndefined();
    expect(same.body.data.ingestArticle.created).toBe(true);
    const tool = await ingest(closed, null);
    expect(tool.body.errors).toBeUndefined();
    expect(await stored(tool.externalId)).toBe(true);
  });

  it('grants a listed origin its preflight, reading and writing, and nobody else', async () => {
    const granted = await preflight(open, LISTED);
    expect(granted.status).toBe(204);
    expect(granted.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(granted.headers.get('access-control-allow-methods')).toContain('POST');
    expect(granted.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(granted.headers.get('access-control-allow-credentials')).toBeNull();

    const write = await ingest(open, LISTED);
    expect(write.body.errors).toBeUndefined();
    expect(write.headers.get('access-control-allow-origin')).toBe(LISTED);
    expect(write.headers.get('access-control-expose-headers')).toContain('x-request-id');

    expect((await preflight(open, FOREIGN)).headers.get('access-control-allow-origin')).toBeNull();
    expect((await ingest(open, FOREIGN)).status).toBe(403);
  });
});
