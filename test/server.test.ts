import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './helpers/contract.js';
import { logEvents, postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const TOKEN = 'server-test-token-0123456789';

describe('the real server over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cng-server-'));
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    // From the sources through tsx, as `npm start` runs it on a fresh machine.
    server = spawnServer({ PGLITE_DIR: dataDir, WRITE_TOKEN: TOKEN, GRAPHIQL: 'on' }, { fromSource: true });
    base = await servingAt(server);
  }, 120_000);
  afterAll(() => {
    server?.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the seed corpus to the ConflictTraversal contract operation and to GraphiQL\'s first tab', async () => {
    const traversal = await postGraphQL(base, contractOperation('ConflictTraversal'), { conflicts: 100, articles: 5 });
    expect(traversal.status).toBe(200);
    expect(traversal.body.errors, server.output()).toBeUndefined();
    // By name, as the contract has always listed them: each conflict with as many of its articles as it has, up to 5.
    const ids = traversal.body.data.conflicts.edges.map((e: any) => e.node.id);
    const byName = await postGraphQL(base, '{ conflicts(first: 100, orderBy: NAME) { edges { node { id } } } }');
    expect(ids).toHaveLength(100);
    expect(ids).toEqual(byName.body.data.conflicts.edges.map((e: any) => e.node.id));
    for (const { node } of traversal.body.data.conflicts.edges) {
      expect(node.articles.edges.length, node.name).toBe(Math.min(5, node.articles.totalCount));
    }
    // The covered conflicts first: every seed article is on one of them.
    const covered = await postGraphQL(base, contractOperation('graphiql/CoveredConflicts'), { conflicts: 100, articles: 5 });
    expect(covered.body.errors, server.output()).toBeUndefined();
    const articles = covered.body.data.conflicts.edges.flatMap((e: any) => e.node.articles.edges.map((a: any) => a.node.id));
    expect(new Set(articles).size).toBe(5);
  });

  it('serves GraphiQL to a browser, with the ConflictTraversal query ready', async () => {
    const response = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('ConflictTraversal');
  });

  it('takes writes with the token and refuses them without, never logging the token', async () => {
    const ingest = contractOperation('IngestArticle');
    const input = { externalId: 'server_test_1', text: ' date 2021-03 De onderhandelingen in Genève liepen opnieuw vast.\n' };
    const good = await postGraphQL(base, ingest, { input }, { authorization: `Bearer ${TOKEN}` });
    expect(good.body.errors, server.output()).toBeUndefined();
    expect(good.body.data.ingestArticle.created).toBe(true);
    const bad = await postGraphQL(base, ingest, { input }, { authorization: `Bearer ${TOKEN}x` });
    expect(bad.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const bare = await postGraphQL(base, ingest, { input }, { authorization: TOKEN });
    expect(bare.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(server.output()).not.toContain(TOKEN);
  });

  it('stops cleanly on SIGTERM', async () => {
    expect(await server.stop('SIGTERM')).toBe(0);
    expect(server.output()).toContain('SIGTERM: finishing requests in flight');
    expect(server.output()).not.toContain(TOKEN);
    // Every line of the whole run is a JSON log event, the last one saying the server stopped.
    const events = logEvents(server.output());
    expect(events.at(-1)).toMatchObject({ level: 'info', signal: 'SIGTERM', msg: expect.stringMatching(/^Stopped/) });
  });
});
