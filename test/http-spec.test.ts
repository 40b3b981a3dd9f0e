import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { testClient } from './helpers/app.js';
import { openTestDatabase, type TestDatabase } from './helpers/db.js';

// The GraphQL-over-HTTP audit suite: status codes and media types for GET and POST, bad JSON,
// missing queries, wrong methods, mutations over GET.
describe('GraphQL over HTTP conformance', () => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { seed: false });
    client = testClient(database);
  });
  afterAll(() => database?.close());

  for (const audit of serverAudits({
    url: 'http://localhost/graphql',
    // The audits call fetch with a URL string and options; the app takes them as one Request.
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) => client.app.fetch(new Request(String(input), init)),
  })) {
    it(audit.name, async () => {
      const result = await audit.fn();
      if (result.status !== 'ok') throw new Error(`${result.reason}\n${JSON.stringify(result.response?.status)}`);
    });
  }
});
