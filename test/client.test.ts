import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createApp } from '../src/app.js';
import config from './client/codegen.js';
import { execute, GraphQLRequestError } from './client/fetch.js';
import {
  ArticlesWithEntitiesDocument,
  ConflictTraversalDocument,
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
      const data = await execute(endpoint, ConflictTraversalDocument, { conflicts: 30, articles: 5 });
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
