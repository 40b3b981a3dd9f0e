import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

// Request errors (the request cannot start executing) answer 400 under graphql-response+json, with a
// code a client can act on, and the same body under application/json with 200 (GraphQL over HTTP,
// "application/json" legacy behaviour).
describe('request errors', () => {
  let database: TestDatabase;
  let client: ReturnType<typeof testClient>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite', { seed: false });
    client = testClient(database);
  });
  afterAll(() => database?.close());

  async function post(body: unknown, accept: string) {
    const response = await client.app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept },
      body: JSON.stringify(body),
    });
    return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
  }

  const GRAPHQL_RESPONSE = 'application/graphql-response+json';
  const ACTOR = 'query Actor($slug: String!, $on: Date) {\n  actor(slug: $slug) { id }\n  articles(filter: { publishedFrom: $on }) { totalCount }\n}';

  it('a missing required variable answers 400 with BAD_USER_INPUT naming the variable, also once the query runs compiled', async () => {
    const answers = [];
    // The second and third run of a document are compiled (graphql-jit): the same answer.
    for (let run = 0; run < 3; run++) answers.push(await post({ query: ACTOR, variables: {} }, GRAPHQL_RESPONSE));
    for (const answer of answers) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(400);
      expect(answer.type).toMatch(/^application\/graphql-response\+json/);
      expect(answer.body.data).toBeUndefined();
      expect(answer.body.errors).toEqual([
        {
          message: 'Variable "$slug" of required type "String!" was not provided.',
          locations: [{ line: 1, column: 13 }],
          extensions: { code: 'BAD_USER_INPUT', variable: 'slug' },
        },
      ]);
    }
    const legacy = await post({ query: ACTOR, variables: {} }, 'application/json');
    expect(legacy.status).toBe(200);
    expect(legacy.body).toEqual(answers[0]!.body);
  });

  it('a variable of the wrong kind answers 400 with the scalar’s reason, once per bad variable', async () => {
    for (let run = 0; run < 2; run++) {
      const answer = await post({ query: ACTOR, variables: { slug: 3, on: '2022-02-30' } }, GRAPHQL_RESPONSE);
      expect(answer.status).toBe(400);
      expect(answer.body.errors.map((e: any) => [e.extensions, e.message])).toEqual([
        [{ code: 'BAD_USER_INPUT', variable: 'slug' }, expect.stringContaining('"$slug" got invalid value 3')],
        [{ code: 'BAD_USER_INPUT', variable: 'on' }, expect.stringContaining('Date must be a calendar date written YYYY-MM-DD, got "2022-02-30"')],
      ]);
    }
  });

  it('a bad inline date keeps its location and names its argument, also deep in an input object', async () => {
    const query = '{\n  articles(first: 1, filter: { and: [{ publishedTo: "2022-13-45" }] }) { totalCount }\n  actor(slug: "russia") { roleAt(date: "24-02-2022") { title } }\n}';
    const columnOf = (literal: string) => query.split('\n').find((line) => line.includes(literal))!.indexOf(literal) + 1;
    const answer = await post({ query }, GRAPHQL_RESPONSE);
    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([
      {
        message: 'Date must be a calendar date written YYYY-MM-DD, got "2022-13-45"',
        locations: [{ line: 2, column: columnOf('"2022-13-45"') }],
        extensions: { code: 'BAD_USER_INPUT', argument: 'filter' },
      },
      {
        message: 'Date must be a calendar date written YYYY-MM-DD, got "24-02-2022"',
        locations: [{ line: 3, column: columnOf('"24-02-2022"') }],
        extensions: { code: 'BAD_USER_INPUT', argument: 'date' },
      },
    ]);
  });
});
