import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { EnvError, loadEnv } from '../src/env.js';
import { manifestFromDir } from '../src/persisted-manifest.js';
import { runCli } from './helpers/cli.js';
import { contractNames, contractOperation, folderOperations } from './helpers/contract.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const persisted = (text: string) => ({ persistedQuery: { version: 1, sha256Hash: sha256(text) } });

describe('persisted operations only', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createApp>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { seed: false });
    app = createApp({ db: database.database.db, linker: database.linker, production: true, log: () => {}, persistedOperations: manifestFromDir() });
  });
  afterAll(() => database?.close());

  async function post(body: Record<string, unknown>) {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { data?: any; errors?: any[] } };
  }

  it('runs a contract operation named by the sha256 of its text, by POST and by GET', async () => {
    const traversal = contractOperation('ConflictTraversal');
    const variables = { conflicts: 2, articles: 2 };
    const byPost = await post({ extensions: persisted(traversal), variables });
    expect(byPost.body.errors).toBeUndefined();
    expect(byPost.status).toBe(200);
    expect(byPost.body.data.conflicts.edges).toEqual(expect.any(Array));

    const query = new URLSearchParams({ extensions: JSON.stringify(persisted(traversal)), variables: JSON.stringify(variables) });
    const byGet = await app.fetch(`http://localhost/graphql?${query}`, { headers: { accept: 'application/graphql-response+json' } });
    expect(byGet.status).toBe(200);
    expect(await byGet.json()).toEqual(byPost.body);
  });

  it('refuses any document sent as text, even the text of a contract operation', async () => {
    for (const query of ['{ __typename }', contractOperation('ConflictTraversal')]) {
      const refused = await post({ query, variables: { conflicts: 1, articles: 1 } });
      expect(refused.status).toBe(400);
      expect(refused.body.data).toBeUndefined();
      expect(refused.body.errors).toMatchObject([{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }]);
      expect(refused.body.errors![0].message).toContain('{"extensions":{"persistedQuery":{"version":1,"sha256Hash":');
    }
    const nothing = await post({ variables: {} });
    expect(nothing.status).toBe(400);
    expect(nothing.body.errors).toMatchObject([{ extensions: { code: 'PERSISTED_QUERY_ONLY' } }]);
  });

  it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND', async () => {
    const unknown = await post({ extensions: persisted('query Unknown { __typename }') });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toMatchObject([{ extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }]);
    expect(unknown.body.errors![0].message).toContain('sha256Hash');
  });

  it('counts the refusals by code in the metrics, and serves no GraphiQL', async () => {
    await post({ query: '{ __typename }' });
    const metrics = await (await app.fetch('http://localhost/metrics')).text();
    expect(metrics).toMatch(/^graphql_errors_total\{code="PERSISTED_QUERY_ONLY"\} [1-9]/m);
    expect(metrics).toMatch(/^graphql_errors_total\{code="PERSISTED_QUERY_NOT_FOUND"\} [1-9]/m);
    const page = await app.fetch('http://localhost/graphql', { headers: { accept: 'text/html' } });
    expect(await page.text()).not.toContain('<html');
  });
});

describe('the persisted-operations manifest', () => {
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is written by npm run operations:manifest from schema/operations/, and read by PERSISTED_OPERATIONS', async () => {
    const file = join(dir, 'operations.json');
    const run = await runCli('persisted-manifest', ['--out', file], {});
    expect(run.code, run.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>;
    const texts = [...contractNames().map(contractOperation), ...folderOperations('explore'), ...folderOperations('graphiql')];
    expect(folderOperations('explore').length).toBeGreaterThan(0);
    expect(folderOperations('graphiql').length).toBeGreaterThan(0);
    expect(Object.keys(manifest).sort()).toEqual(texts.map(sha256).sort());
    for (const text of texts) expect(manifest[sha256(text)]).toBe(text);

    const env = loadEnv({ PERSISTED_OPERATIONS: file });
    expect(env.PERSISTED_OPERATIONS?.source).toBe(file);
    expect([...env.PERSISTED_OPERATIONS!.operations.keys()].sort()).toEqual(Object.keys(manifest).sort());
    expect(loadEnv({ PERSISTED_OPERATIONS: 'only' }).PERSISTED_OPERATIONS!.operations).toEqual(env.PERSISTED_OPERATIONS!.operations);
    expect(loadEnv({}).PERSISTED_OPERATIONS).toBeNull();
    expect(loadEnv({ PERSISTED_OPERATIONS: 'off' }).PERSISTED_OPERATIONS).toBeNull();
  }, 30_000);

  it('refuses a bad value or manifest at start, naming PERSISTED_OPERATIONS and the fault', () => {
    const hash = sha256('query A { __typename }');
    const tampered = join(dir, 'tampered.json');
    writeFileSync(tampered, JSON.stringify({ [hash]: 'query B { __typename }' }));
    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{"abc": ');
    const cases: [string, string][] = [
      ['yes', '"yes" is neither off, only, nor the path of a .json manifest'],
      [join(dir, 'missing.json'), 'no such file'],
      [notJson, `cannot read the manifest ${notJson}`],
      [tampered, `${hash} is not the sha256 of its operation's text`],
    ];
    for (const [value, message] of cases) {
      let error: unknown;
      try {
        loadEnv({ PERSISTED_OPERATIONS: value });
      } catch (e) {
        error = e;
      }
      expect(error, value).toBeInstanceOf(EnvError);
      const line = (error as Error).message.split('\n').find((l) => l.trim().startsWith('PERSISTED_OPERATIONS: '));
      expect(line, value).toContain(message);
    }
  });
});
