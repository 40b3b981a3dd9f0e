import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, useReadinessCheck, type Plugin } from 'graphql-yoga';
import { createContext, type Context } from './context.js';
import type { Db } from './db/client.js';
import { isMigrated } from './db/migrate.js';
import { useCostReport } from './graphql/complexity.js';
import { schema } from './graphql/index.js';
import { createIngestor, type TextLinker } from './ingest/ingest.js';

/** Limits on what one request may ask; the contract operations (10 levels deep) pass well within them. */
export const LIMITS = {
  depth: 15,
  aliases: 30,
  tokens: 5_000,
  directives: 50,
  bodyBytes: 2 * 1024 * 1024,
};

/** Gives the limit plugins' refusals a stable code clients can act on. */
const refusal = {
  onReject: [
    (_context: unknown, error: GraphQLError) => {
      (error.extensions as Record<string, unknown>).code = 'QUERY_TOO_COMPLEX';
    },
  ],
};

const QUERY_CANCELED = '57014';

function isStatementTimeout(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && typeof cause === 'object' && depth < 5; depth += 1) {
    if ((cause as { code?: unknown }).code === QUERY_CANCELED) return true;
    cause = (cause as { originalError?: unknown; cause?: unknown }).originalError ?? (cause as { cause?: unknown }).cause;
  }
  return false;
}

/** Like Yoga's masking (no driver message reaches a client), but a statement timeout says what happened. */
export function maskUnexpected(error: unknown, message: string, isDev?: boolean): Error {
  if (isStatementTimeout(error)) {
    return new GraphQLError('the query took longer than the server allows and was stopped; ask for smaller pages or fewer nested lists', {
      extensions: { code: 'TIMEOUT' },
    });
  }
  return maskError(error, message, isDev);
}

/** Refuses a request body larger than the limit before it is read (as its Content-Length says). */
function bodyLimit(bytes: number): Plugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > bytes) {
        endResponse(
          Response.json(
            { errors: [{ message: `request body is ${length} bytes; the limit is ${bytes}`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] },
            { status: 413 },
          ),
        );
      }
    },
  };
}

export interface AppOptions {
  db: Db;
  linker: TextLinker;
  /** The bearer token that allows writes; without one, writes are off. */
  writeToken?: string | null | undefined;
  /** Production mode: error messages do not suggest field names (they would map the schema for a prober). */
  production?: boolean | undefined;
}

const operationsDir = new URL('../schema/operations/', import.meta.url);

/** Sample variables for the contract operations that GraphiQL opens as tabs, the first one ready to run. */
const EXAMPLES: [name: string, variables: Record<string, unknown>][] = [
  ['ConflictTraversal', { conflicts: 5, articles: 3 }],
  ['SearchArticles', { q: 'taliban', first: 10 }],
  ['ActorProfile', { slug: 'russia' }],
  ['ArticlesWithEntities', { first: 5, after: null }],
  ['NodeRefetch', { id: 'QXJ0aWNsZTox' }],
];

function exampleTabs() {
  return EXAMPLES.map(([name, variables]) => ({
    query: readFileSync(new URL(`${name}.graphql`, operationsDir), 'utf8'),
    variables: JSON.stringify(variables, null, 2),
  }));
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Compares in constant time (over fixed-length digests), so timing tells nothing about the token. */
function writeAccessOf(request: Request, token: Buffer | null): Context['writeAccess'] {
  if (!token) return 'OFF';
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) return 'DENIED';
  return timingSafeEqual(digest(match[1]!), token) ? 'GRANTED' : 'DENIED';
}

/** The GraphQL server as a fetch handler; it never listens itself (see main.ts). */
export function createApp(options: AppOptions) {
  const ingestor = createIngestor(options.db, options.linker);
  const token = options.writeToken ? digest(options.writeToken) : null;
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    maskedErrors: { maskError: maskUnexpected },
    // GET /health answers 200 while the process runs; GET /ready only while the database answers
    // and every migration is applied, so an orchestrator knows when to send traffic.
    healthCheckEndpoint: '/health',
    plugins: [
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          try {
            return await isMigrated(options.db);
          } catch {
            return false;
          }
        },
      }),
      bodyLimit(LIMITS.bodyBytes),
      useCostReport(schema),
      ...(options.production ? [blockFieldSuggestionsPlugin()] : []),
      maxDepthPlugin({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...refusal }),
      maxAliasesPlugin({ n: LIMITS.aliases, ...refusal }),
      maxTokensPlugin({ n: LIMITS.tokens, ...refusal }),
      maxDirectivesPlugin({ n: LIMITS.directives, ...refusal }),
    ],
    context: ({ request }) => createContext(options.db, ingestor, writeAccessOf(request, token)),
    // GraphiQL's assets are served inline, not from a CDN, so it works on machines without internet.
    renderGraphiQL,
    graphiql: {
      title: 'Conflict news · GraphiQL',
      defaultTabs: exampleTabs(),
    },
  });
}

export type App = ReturnType<typeof createApp>;
