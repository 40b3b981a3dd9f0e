import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApp } from '../src/app.js';
import config from './client/codegen.js';
import { execute, GraphQLRequestError } from './client/fetch.js';
import {
  ArticlesWithEntitiesDocument,
  ConflictTraversalDocument,
  CoveredConflictsDocument,
  IngestArticleDocument,
  NodeRefetchDocument,
  type ConflictTraversalQuery,
} from './client/generated/graphql.js';
import { WRITE_TOKEN } from './helpers/app.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

// A consumer's view: typed documents generated from schema/schema.graphql, sent over real HTTP.
// `tsc --noEmit` (part of npm test) checks the typed uses below, the @ts-expect-error lines included.

describe('typed client generated with GraphQL Code Generator', () => {
  it('is up to date with the schema and the contract operations (npm run codegen)', async () => {
    const outputs = await generate(config, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      const committed = readFileSync(output.filename, 'utf8');
      expect(committed, `${basename(output.filename)} is stale: run npm run codegen`).toBe(output.content);
    }
  }, 60_000);

  it('can be copied out of the repository and given an operation of its own', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const run = promisify(execFile);
    const dir = mkdtempSync(join(tmpdir(), 'typed-client-'));
    try {
      for (const file of ['package.json', 'tsconfig.json', 'codegen.ts', 'fetch.ts']) copyFileSync(join(root, 'test/client', file), join(dir, file));
      mkdirSync(join(dir, 'operations'));
      writeFileSync(join(dir, 'operations/ActorName.graphql'), 'query ActorName($slug: String!) {\n  actor(slug: $slug) {\n    id\n    name\n  }\n}\n');
      // What `npm install` in the copy would give it.
      symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
      const env = { ...process.env, SCHEMA: join(root, 'schema/schema.graphql') };
      await run(join(dir, 'node_modules/.bin/graphql-codegen'), ['--config', 'codegen.ts'], { cwd: dir, env });
      const generated = readFileSync(join(dir, 'generated/graphql.ts'), 'utf8');
      expect(generated).toContain('export type ActorNameQuery = ');
      // Only its own operations: the contract operations stay in the repository.
      expect(generated).not.toContain('ConflictTraversalQuery');

      const use = (variables: string) =>
        writeFileSync(
          join(dir, 'use.ts'),
          "import { execute } from './fetch.js';\nimport { ActorNameDocument } from './generated/graphql.js';\n" +
            `const data = await execute('http://localhost:4000/graphql', ActorNameDocument, ${variables});\n` +
            'const name: string | undefined = data.actor?.name;\nvoid name;\n',
        );
      const typecheck = () => run(join(dir, 'node_modules/.bin/tsc'), ['-p', '.'], { cwd: dir });
      use("{ slug: 'vladimir-putin' }");
      await typecheck();
      use('{ slug: 42 }');
      const refused = await typecheck().then(
        () => null,
        (error: { stdout: string }) => error.stdout,
      );
      expect(refused).toMatch(/use\.ts.*error TS2322/s);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);

  describe('against the running server', () => {
    let database: TestDatabase;
    let server: Server;
    let endpoint: string;

    beforeAll(async () => {
      database = await openTestDatabase('pglite');
      const app = createApp({ db: database.database.db, linker: database.linker, writeToken: WRITE_TOKEN });
      server = createServer(app);
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    });
    afterAll(async () => {
      await new Promise((resolve) => server?.close(resolve));
      await database?.close();
    });

    it('traverses conflicts with typed variables and typed data', async () => {
      const data = await execute(endpoint, ConflictTraversalDocument, { conflicts: 100, articles: 5 });
      expectTypeOf(data).toEqualTypeOf<ConflictTraversalQuery>();
      // @ts-expect-error the operation needs both page sizes
      void (() => execute(endpoint, ConflictTraversalDocument, { conflicts: 3 }));
      const covered = data.conflicts.edges.filter((edge) => edge.node.articles.totalCount > 0);
      expect(covered.length).toBeGreaterThan(0);
      for (const { node } of covered) {
        // Date arrives as an ISO calendar date string, as the scalar mapping says.
        expectTypeOf(node.articles.edges[0]!.node.publishedOn).toEqualTypeOf<string>();
        expect(node.articles.edges[0]!.node.publishedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(['CIVIL_WAR', 'DIPLOMATIC_CRISIS', 'INSURGENCY', 'INTERNATIONALIZED_CIVIL_WAR', 'INTERSTATE_WAR']).toContain(node.kind);
      }
    });

    it("runs the example's own operation: covered conflicts, most articles first", async () => {
      const data = await execute(endpoint, CoveredConflictsDocument, { first: 5 });
      const counts = data.conflicts.edges.map((edge) => edge.node.articles.totalCount);
      expect(counts.length).toBeGreaterThan(0);
      expect(counts.every((count) => count > 0)).toBe(true);
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    });

    it('pages with the cursor the previous page returned', async () => {
      const first = await execute(endpoint, ArticlesWithEntitiesDocument, { first: 2, after: null });
      expect(first.articles.pageInfo.hasNextPage).toBe(true);
      const next = await execute(endpoint, ArticlesWithEntitiesDocument, { first: 2, after: first.articles.pageInfo.endCursor });
      const ids = (page: typeof first) => page.articles.edges.map((edge) => edge.node.id);
      expect(ids(next)).not.toEqual(expect.arrayContaining(ids(first)));
      expect(next.articles.totalCount).toBe(first.articles.totalCount);
    });

    it('narrows a node by its __typename', async () => {
      const page = await execute(endpoint, ArticlesWithEntitiesDocument, { first: 1, after: null });
      const id = page.articles.edges[0]!.node.id;
      const { node } = await execute(endpoint, NodeRefetchDocument, { id });
      if (node?.__typename !== 'Article') throw new Error(`expected an Article, got ${JSON.stringify(node)}`);
      expectTypeOf(node.title).toEqualTypeOf<string>();
      expect(node.title).toBe(page.articles.edges[0]!.node.title);
    });

    it('gets the server refusal as a typed error with its code', async () => {
      const input = { externalId: 'typed-client-1', text: ' date 2024-05 Een korte test over Oekraïne en Rusland.' };
      const refused = await execute(endpoint, IngestArticleDocument, { input }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(GraphQLRequestError);
      expect((refused as GraphQLRequestError).errors[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const stored = await execute(endpoint, IngestArticleDocument, { input }, { authorization: `Bearer ${WRITE_TOKEN}` });
      expect(stored.ingestArticle.created).toBe(true);
      expect(stored.ingestArticle.article.externalId).toBe('typed-client-1');
    });
  });
});
