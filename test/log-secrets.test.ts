import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractOperation } from './helpers/contract.js';
import { postgresUrl } from './helpers/db.js';
import { createScratchDatabase, type ScratchDatabase } from './helpers/scratch-db.js';
import { postGraphQL, servingAt, spawnServer, type ServerProcess } from './helpers/server.js';

const TOKEN = 'log-secrets-write-token-4242';
// Postgres on trust auth never asks for it, so any password gets the server in, and must never be printed.
const PASSWORD = 'db-password-never-printed-777';

// Postgres only: the fault (a table renamed away) is made from outside the server process.
describe.skipIf(!postgresUrl)('what the server writes to its output', () => {
  let database: ScratchDatabase;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    database = await createScratchDatabase('secrets', { prepared: true });
    server = spawnServer({ DATABASE_URL: database.urlVia({ password: PASSWORD }), WRITE_TOKEN: TOKEN });
    base = await servingAt(server);
  }, 120_000);
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    await database?.drop();
  });

  it('never contains the write token or the database password, through writes, refusals, an error and shutdown', async () => {
    const ingest = contractOperation('IngestArticle');
    const input = { externalId: 'secrets_1', text: ' date 2023-05 Gesprekken in Caïro over een bestand in Gaza liepen vast.\n' };
    const good = await postGraphQL(base, ingest, { input }, { authorization: `Bearer ${TOKEN}` });
    expect(good.body.errors, server.output()).toBeUndefined();
    const wrong = await postGraphQL(base, ingest, { input }, { authorization: `Bearer ${TOKEN.slice(0, -1)}X` });
    expect(wrong.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    const basic = await postGraphQL(base, ingest, { input }, { authorization: `Basic ${TOKEN}` });
    expect(basic.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    // An unexpected error while the request carries the token.
    await database.sql`alter table articles rename to articles_away`;
    let failed: Awaited<ReturnType<typeof postGraphQL>>;
    try {
      failed = await postGraphQL(base, contractOperation('SearchArticles'), { q: 'bestand', first: 5 }, { authorization: `Bearer ${TOKEN}` });
    } finally {
      await database.sql`alter table articles_away rename to articles`;
    }
    const requestId = failed.headers.get('x-request-id');
    expect(failed.body.errors[0]).toMatchObject({ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } });
    expect(JSON.stringify(failed.body)).not.toMatch(/relation|articles_away|PostgresError|connection\.js/);
    const line = (await server.waitFor(new RegExp(`^\\{"level":"error".*"requestId":"${requestId}".*$`, 'm')))[0];
    expect(JSON.parse(line)).toMatchObject({ operation: 'SearchArticles', msg: expect.stringContaining('relation "articles" does not exist') });

    expect(await server.stop('SIGTERM')).toBe(0);
    const output = server.output();
    // NODE_ENV=production without GRAPHIQL: no GraphiQL.
    expect(output).toMatch(/GraphQL API on http:\S+ \(GraphiQL is off; GRAPHIQL=on turns it on\)/);
    expect(output).not.toContain(TOKEN);
    expect(output).not.toContain(TOKEN.slice(0, 12));
    expect(output).not.toContain(PASSWORD);
  });
});
