import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { explorerEnabled, loadEnv } from '../src/env.js';
import { EXPLORE_CSP } from '../src/http/explore-page.js';
import { manifestFromDir, operationHash } from '../src/persisted-manifest.js';
import config from '../src/explore/codegen.js';
import { folderOperations } from './helpers/contract.js';
import { backends, openTestDatabase, type TestDatabase } from './helpers/db.js';

/** The built explorer must stay small: the budget for its assets, gzipped. */
const BUDGET_GZIPPED = 300 * 1024;

describe('the explorer at /explore', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let persistedApp: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    app = createApp({ db: database.database.db, linker: database.linker, log: () => {} });
    persistedApp = createApp({ db: database.database.db, linker: database.linker, log: () => {}, production: true, persistedOperations: manifestFromDir() });
  });
  afterAll(() => database?.close());

  it('has types up to date with the schema and its operations (npm run codegen)', async () => {
    const outputs = await generate(config, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(output.filename, 'utf8'), `${basename(output.filename)} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);

  it('serves a page that loads its script and style sheet from this origin only, under the size budget', async () => {
    const page = await app.fetch('http://localhost/explore', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toBe(EXPLORE_CSP);
    const html = await page.text();
    expect(html).toContain('<meta name="explore-persisted" content="off">');
    const assets = [...html.matchAll(/(?:src|href)="(\/explore\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets).toHaveLength(2);
    let gzipped = 0;
    for (const path of assets) {
      const response = await app.fetch(`http://localhost${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-encoding')).toBe('gzip');
      expect(response.headers.get('cache-control')).toContain('immutable');
      const body = Buffer.from(await response.arrayBuffer());
      gzipped += body.length;
      const text = gunzipSync(body).toString('utf8');
      // Nothing the page loads names another origin.
      expect(text).not.toMatch(/https?:\/\/(?!www\.w3\.org\/)[a-z0-9.-]+\.[a-z]{2,}\//i);
      const again = await app.fetch(`http://localhost${path}`, { headers: { 'if-none-match': response.headers.get('etag')! } });
      expect(again.status).toBe(304);
    }
    expect(gzipped).toBeLessThan(BUDGET_GZIPPED);
    expect((await app.fetch('http://localhost/explore/nothing.js')).status).toBe(404);
    expect((await app.fetch('http://localhost/explore', { method: 'POST' })).status).toBe(405);
  }, 60_000);

  it('answers 404 at /explore and its assets when EXPLORER=off', async () => {
    const off = createApp({ db: database.database.db, linker: database.linker, log: () => {}, explore: explorerEnabled(loadEnv({ EXPLORER: 'off' })) });
    for (const path of ['/explore', '/explore/', '/explore/explore.js', '/explore/explore.css']) {
      const response = await off.fetch(`http://localhost${path}`, { headers: { accept: 'text/html' } });
      expect(response.status, path).toBe(404);
      expect(await response.text(), path).not.toContain('<div id="app"');
    }
    // The API itself is still there.
    const api = await off.fetch('http://localhost/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(api.status).toBe(200);
  });

  it('tells the page to send hashes when the server runs persisted operations only', async () => {
    const html = await (await persistedApp.fetch('http://localhost/explore')).text();
    expect(html).toContain('<meta name="explore-persisted" content="on">');
  }, 60_000);
});

describe.each(backends)("the explorer's operations on %s", (backend) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let persistedApp: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDatabase(backend);
    app = createApp({ db: database.database.db, linker: database.linker, log: () => {} });
    persistedApp = createApp({ db: database.database.db, linker: database.linker, log: () => {}, production: true, persistedOperations: manifestFromDir() });
  });
  afterAll(() => database?.close());

  it("runs each of the explorer's operations by its hash on a persisted-only server, as by its text on any other", async () => {
    const variables: Record<string, Record<string, unknown>> = {
      ExploreConflicts: {},
      ExploreConflict: { slug: 'war-in-afghanistan-2001-2021', from: null, to: null },
      ExploreActor: { slug: 'taliban' },
      ExploreArticle: { externalId: 'no-such-article' },
      ExplorePlace: { key: 'geonames:1138958' },
      ExploreSearch: { filter: { conflicts: { any: ['war-in-afghanistan-2001-2021'] } }, first: 20, after: null, distinctStories: true, unit: 'STORY' },
      ExploreSuggest: { prefix: 'tali' },
    };
    const operations = folderOperations('explore');
    expect(operations.map((text) => /query (\w+)/.exec(text)![1]).sort()).toEqual(Object.keys(variables).sort());
    for (const text of operations) {
      const name = /query (\w+)/.exec(text)![1]!;
      const post = async (target: typeof app, body: Record<string, unknown>) => {
        const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operationName: name, variables: variables[name], ...body }) };
        const response = await target.fetch('http://localhost/graphql', request);
        return (await response.json()) as { data?: unknown; errors?: unknown[] };
      };
      const byHash = await post(persistedApp, { extensions: { persistedQuery: { version: 1, sha256Hash: operationHash(text) } } });
      expect(byHash.errors, name).toBeUndefined();
      const byText = await post(app, { query: text });
      expect(byText.errors, name).toBeUndefined();
      expect(byHash.data, name).toEqual(byText.data);
      expect(JSON.stringify(byHash.data), name).not.toBe('{}');
    }
  }, 60_000);
});
