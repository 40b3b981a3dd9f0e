import { createApp, type AppOptions } from '../../src/app.js';
import type { ArticleEvents } from '../../src/live/events.js';
import type { TestDatabase } from './db.js';

export const WRITE_TOKEN = 'test-token-0123456789abcdef';

export interface GraphQLResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** A client for the app's fetch handler; failures print the operation and the body. */
export function testClient(
  database: TestDatabase,
  { writeToken = WRITE_TOKEN as string | null, production = false, events = undefined as ArticleEvents | undefined } = {},
) {
  const app = createApp({ db: database.database.db, linker: database.linker, writeToken, production, events });

  async function request<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GraphQLResponse<T>> {
    const response = await app.fetch('http://localhost/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse<T>;
    return { ...body, status: response.status };
  }

  /** Runs an operation that must succeed and returns its data. */
  async function query<T = Record<string, any>>(
    text: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<T> {
    const body = await request<T>(text, variables, headers);
    if (body.errors?.length || !body.data) {
      throw new Error(
        `GraphQL operation failed\n--- operation\n${text}\n--- variables\n${JSON.stringify(variables)}\n--- response\n${JSON.stringify(body, null, 2)}`,
      );
    }
    return body.data;
  }

  /** Runs an operation that must fail and returns its first error. */
  async function fail(text: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) {
    const body = await request(text, variables, headers);
    const error = body.errors?.[0];
    if (!error) {
      throw new Error(`expected an error\n--- operation\n${text}\n--- response\n${JSON.stringify(body, null, 2)}`);
    }
    return { ...error, code: error.extensions?.code, status: body.status, data: body.data };
  }

  return { app, request, query, fail };
}

/** The global ids of the actors and conflicts the given specs link to, by slug, in one request. */
export async function globalIdsBySlug(
  client: ReturnType<typeof testClient>,
  specs: { actorSlugs?: string[]; conflictSlugs?: string[] }[],
): Promise<Record<string, string>> {
  const slugs = (kind: 'actorSlugs' | 'conflictSlugs') => [...new Set(specs.flatMap((spec) => spec[kind] ?? []))];
  const lookups = [
    ...slugs('actorSlugs').map((slug, i) => `a${i}: actor(slug: "${slug}") { id slug }`),
    ...slugs('conflictSlugs').map((slug, i) => `c${i}: conflict(slug: "${slug}") { id slug }`),
  ];
  const data = await client.query(`{ ${lookups.join('\n')} }`);
  return Object.fromEntries(Object.values<any>(data).map((node) => [node.slug, node.id]));
}

/** A production app on the test database whose log lines (JSON) land in `lines`. */
export function loggedApp(database: TestDatabase, options: Partial<AppOptions> = {}) {
  const lines: string[] = [];
  const app = createApp({
    db: database.database.db,
    linker: database.linker,
    writeToken: WRITE_TOKEN,
    production: true,
    log: (line) => void lines.push(line),
    ...options,
  });
  return { app, lines };
}
