import { createHash, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, printSchema } from 'graphql';
import { createYoga, useReadinessCheck, type GraphiQLOptions, type Plugin } from 'graphql-yoga';
import { createContext, type Context, type LiveArticles } from './context.js';
import type { Db } from './db/client.js';
import { isMigrated } from './db/migrate.js';
import { MAX_COMPLEXITY, operationCost, useCostReport } from './graphql/complexity.js';
import { schema } from './graphql/index.js';
import { ADMISSION_DEFAULTS, useAdmission, type AdmissionOptions } from './http/admission.js';
import { useCompiledQueries } from './http/compiled-queries.js';
import { corsFor, useWriteOriginGuard } from './http/cors.js';
import { withHookErrorsLogged } from './http/hook-errors.js';
import { useGraphiQLPage } from './http/graphiql-page.js';
import { exploreAssets } from './http/explore-assets.js';
import { useExplorePage } from './http/explore-page.js';
import { useInputGuard } from './http/input-guard.js';
import { maskUnexpected } from './http/masking.js';
import { useReadReplicas } from './http/read-replicas.js';
import { useRequestErrors } from './http/request-errors.js';
import { useStreamedAnswers } from './http/streamed-answers.js';
import { useRequestScope } from './http/request-scope-plugin.js';
import { useMetrics } from './http/metrics.js';
import { usePersistedOperationsOnly } from './http/persisted-operations.js';
import { useRequestLog, yogaLoggerOf } from './http/server-log.js';
import { createIngestor, type TextLinker } from './ingest/ingest.js';
import { createArticleEvents, type ArticleEvents } from './live/events.js';
import { createArticleMatcher, matchingArticles } from './live/match.js';
import { clientOf, createClientSubscriptions } from './live/per-client.js';
import { createAfterCommit } from './after-commit.js';
import { createCurator } from './ingest/curation.js';
import type { ResponseCache } from './cache/response-cache.js';

/** How long after a write the cache is invalidated once more when replicas serve queries (see AfterCommitOptions). */
const REPLICA_LAG_GRACE_MS = 5_000;
import { createLogger, stderrLine, type LineWriter, type LogLevel } from './log.js';
import type { PersistedOperations } from './persisted-manifest.js';
import type { PoolStats } from './db/client.js';
import type { ErrorCode } from './error-codes.js';

export { maskUnexpected } from './http/masking.js';

export const DEFAULT_SUBSCRIPTIONS_PER_CLIENT = 100;

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
      (error.extensions as Record<string, unknown>).code = 'QUERY_TOO_COMPLEX' satisfies ErrorCode;
    },
  ],
};

// Only a single non-negative integer is a Content-Length (as Yoga's own check has it).
const CONTENT_LENGTH = /^\d+$/;

/** The request with a body that fails with PAYLOAD_TOO_LARGE once more than `bytes` of it are read. */
function withBodyLimit(request: Request, bytes: number, fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream }): Request {
  // Node's own stream classes for the body Node's fetch gives, the server adapter's for its own (Yoga issue 4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  let read = 0;
  const body = request.body!.pipeThrough(
    new Transform({
      transform(chunk: Uint8Array, controller) {
        read += chunk.byteLength;
        if (read > bytes) {
          controller.error(
            new GraphQLError(`request body is over ${bytes} bytes, the limit`, {
              extensions: { code: 'PAYLOAD_TOO_LARGE' satisfies ErrorCode, http: { status: 413 } },
            }),
          );
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, { method: request.method, headers: request.headers, signal: request.signal, body, duplex: 'half' } as RequestInit);
}

/**
 * Refuses a request body larger than the limit: before it is read when its Content-Length says so
 * (the HTTP parser then reads no more than that), and as it is read when it comes without one
 * (chunked). Yoga's own limit (maxRequestBodySize, off) passed every body through a stream that
 * counts its bytes, and made a new Request for it: 4 % of the server's CPU for a small query.
 */
function bodyLimit(bytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      if (request.body == null || !requestParser) return;
      if (CONTENT_LENGTH.test(request.headers.get('content-length') ?? '')) return;
      const parse = requestParser;
      setRequestParser((unread) => parse(withBodyLimit(unread, bytes, fetchAPI as never)));
    },
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > bytes) {
        endResponse(
          Response.json(
            { errors: [{ message: `request body is ${length} bytes; the limit is ${bytes}`, extensions: { code: 'PAYLOAD_TOO_LARGE' satisfies ErrorCode } }] },
            { status: 413 },
          ),
        );
      }
    },
  };
}

export interface AppOptions {
  /** The primary: writes, and every read of a mutation request. */
  db: Db;
  /** Read replicas of `db` that serve queries, in turn; none means the primary serves everything. */
  replicas?: readonly Db[] | undefined;
  linker: TextLinker;
  /** The bearer token that allows writes; without one, writes are off. */
  writeToken?: string | null | undefined;
  /** Production mode: error messages do not suggest field names (they would map the schema for a prober). */
  production?: boolean | undefined;
  /** Browser origins besides the server's own that may call the API (CORS) and send mutations. */
  corsOrigins?: readonly string[] | undefined;
  /** What the answers depend on besides the schema (the knowledge-base fingerprint, the database): part of the cache keys. */
  dataVersion?: string | undefined;
  /** The shared answer cache (Redis); without it every query runs. */
  responseCache?: ResponseCache | undefined;
  /**
   * Where the log lines go (one call per line): a line per request and a line per unexpected error.
   * When absent, only warnings and errors go to stderr.
   */
  log?: LineWriter | undefined;
  /** The least severe level logged; `info` (with a line per request) when `log` is given. */
  logLevel?: LogLevel | undefined;
  /** Readable lines for a terminal instead of JSON. */
  prettyLog?: boolean | undefined;
  /** Strings never to appear in a log line (the database password); the write and metrics tokens always count. */
  secrets?: readonly string[] | undefined;
  /** Where ingested articles are announced and subscriptions hear of them; within this app when absent. */
  events?: ArticleEvents | undefined;
  /** The database pool's state for GET /metrics (see Database.pool). */
  pool?: (() => PoolStats) | undefined;
  /** Bearer token for GET /metrics; without one it answers only requests from this machine. */
  metricsToken?: string | null | undefined;
  /** Subscriptions one client (remote address) may hold open at once; 100 when absent. */
  maxSubscriptionsPerClient?: number | undefined;
  /** Whether GET /graphql from a browser opens GraphiQL; on when absent (main.ts turns it off in production). */
  graphiql?: boolean | undefined;
  /** When given, the only operations the server runs, found by their hash; GraphiQL is off then. */
  persistedOperations?: PersistedOperations | null | undefined;
  /** Whether GET /explore serves the explorer (src/explore/); on when absent. */
  explore?: boolean | undefined;
  /** The budget of work in flight and the answer-size limit (see useAdmission); ADMISSION_DEFAULTS for what is not given. */
  admission?: Partial<AdmissionOptions> | undefined;
}

const operationsDir = new URL('../schema/operations/', import.meta.url);

/**
 * The operations GraphiQL opens as tabs, with sample variables, the first one ready to run: the
 * covered conflicts (schema/operations/graphiql/), then the contract operations.
 */
export const GRAPHIQL_EXAMPLES: [name: string, variables: Record<string, unknown>][] = [
  ['graphiql/CoveredConflicts', { conflicts: 5, articles: 3 }],
  ['ConflictTraversal', { conflicts: 5, articles: 3 }],
  ['SearchArticles', { q: 'taliban', first: 10 }],
  ['ActorProfile', { slug: 'russia' }],
  ['ArticlesWithEntities', { first: 5, after: null }],
  ['NodeRefetch', { id: 'QXJ0aWNsZTox' }],
];

function exampleTabs() {
  return GRAPHIQL_EXAMPLES.map(([name, variables]) => ({
    query: readFileSync(new URL(`${name}.graphql`, operationsDir), 'utf8'),
    variables: JSON.stringify(variables, null, 2),
  }));
}

/**
 * GraphiQL opens on the first tab, but fills its editors from `query` and `variables` (Yoga hands
 * these through untyped), not from that tab: without them the first run lacks its variables, and
 * a reload adds an empty tab beside the stored ones because it matches none of them.
 */
function graphiqlOptions(): GraphiQLOptions & { query: string; variables: string } {
  const tabs = exampleTabs();
  return { title: 'Conflict news · GraphiQL', defaultTabs: tabs, query: tabs[0]!.query, variables: tabs[0]!.variables };
}

/**
 * GraphiQL's assets are served inline, not from a CDN, so it works on machines without internet.
 * Its bundle takes some 70 MB of memory once loaded: only when someone opens it.
 */
async function renderedGraphiQL(): Promise<string> {
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  return renderGraphiQL(graphiqlOptions() as Parameters<typeof renderGraphiQL>[0]);
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
  const events = options.events ?? createArticleEvents({ corpus: 'in-process' });
  const match = createArticleMatcher(options.db);
  const byClient = createClientSubscriptions();
  const live: LiveArticles = {
    matching: (filter, client) => byClient.track(client, matchingArticles(events, match, filter)),
    get open() {
      return events.open;
    },
    openBy: (client) => byClient.openBy(client),
    perClientLimit: options.maxSubscriptionsPerClient ?? DEFAULT_SUBSCRIPTIONS_PER_CLIENT,
  };
  const replicas = options.replicas ?? [];
  // Announced and invalidated only after the write's transaction committed, so a rolled-back
  // write is never heard of. Curations change the links of stored articles: subscribers hear of
  // them as of changed articles.
  const afterCommit = createAfterCommit({
    db: options.db,
    events,
    cache: options.responseCache,
    replicaLagMs: replicas.length > 0 ? REPLICA_LAG_GRACE_MS : 0,
  });
  const ingestor = afterCommit.ingestor(createIngestor(options.db, options.linker));
  const curator = afterCommit.curator(createCurator(options.db));
  const cache = options.responseCache;
  const token = options.writeToken ? digest(options.writeToken) : null;
  const corsOrigins = options.corsOrigins ?? [];
  const logger = createLogger({
    write: options.log ?? stderrLine,
    level: options.logLevel ?? (options.log ? 'info' : 'warn'),
    pretty: options.prettyLog,
    secrets: [options.writeToken, options.metricsToken, ...(options.secrets ?? [])],
  });
  const persisted = options.persistedOperations ?? null;
  // GraphiQL sends the text of what one types, which a persisted-only server refuses.
  const graphiql = (options.graphiql ?? true) && !persisted;
  return createYoga({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    batching: false,
    // bodyLimit (a plugin below) does it, without passing every body through a stream.
    maxRequestBodySize: false,
    // Yoga logs each error it masks through this logger: one line with the request id.
    logging: yogaLoggerOf(logger),
    // In production no original error (message, stack) rides along in the masked one, whatever NODE_ENV says.
    maskedErrors: { maskError: maskUnexpected, isDev: !options.production && process.env.NODE_ENV === 'development' },
    cors: corsFor(corsOrigins),
    // GET /health answers 200 while the process runs; GET /ready only while the database answers
    // and every migration is applied, so an orchestrator knows when to send traffic.
    healthCheckEndpoint: '/health',
    plugins: [
      useRequestScope(),
      ...(graphiql ? [useGraphiQLPage(renderedGraphiQL)] : []),
      // A client of the API like any other (its operations are in schema/operations/explore/), so on with persisted operations too.
      ...((options.explore ?? true) ? [useExplorePage(exploreAssets, { persisted: persisted !== null })] : []),
      // Before anything coerces the variables or sends a string to the database.
      useInputGuard(),
      useCompiledQueries(),
      useRequestErrors(),
      useReadReplicas(replicas),
      useRequestLog(logger),
      useMetrics({ pool: options.pool, token: options.metricsToken }),
      ...(persisted ? [usePersistedOperationsOnly(persisted)] : []),
      useReadinessCheck({
        endpoint: '/ready',
        // Every replica counts: with one down or behind a migration, a share of the queries would fail.
        check: async () => {
          try {
            const answers = await Promise.all([options.db, ...replicas].map((db) => isMigrated(db)));
            return answers.every(Boolean);
          } catch {
            return false;
          }
        },
      }),
      bodyLimit(LIMITS.bodyBytes),
      useWriteOriginGuard(corsOrigins),
      useCostReport(schema),
      ...(options.production ? [blockFieldSuggestionsPlugin()] : []),
      maxDepthPlugin({ n: LIMITS.depth, ignoreIntrospection: true, flattenFragments: true, ...refusal }),
      maxAliasesPlugin({ n: LIMITS.aliases, ...refusal }),
      maxTokensPlugin({ n: LIMITS.tokens, ...refusal }),
      maxDirectivesPlugin({ n: LIMITS.directives, ...refusal }),
      // Last, so the limits and the origin guard refuse a request before a cached answer is served.
      ...(cache ? [cache.plugin(digest(`${printSchema(schema)}\n${options.dataVersion ?? ''}`).toString('hex').slice(0, 16))] : []),
      // After the cache: an answer it holds costs nothing to give again, so it waits for no room.
      useAdmission(schema, { ...ADMISSION_DEFAULTS, ...options.admission }, { maxCost: MAX_COMPLEXITY, costOf: (args) => operationCost(schema, args) }),
      useStreamedAnswers(),
    ].map((plugin) => withHookErrorsLogged(plugin, logger)),
    // `req` is the Node request (HTTP, or the upgrade request of a WebSocket); absent for `fetch` in process.
    context: ({ request, req }: { request: Request; req?: IncomingMessage }) =>
      createContext(options.db, { ingestor, curator }, writeAccessOf(request, token), live, clientOf(req)),
    // Served by useGraphiQLPage, built once; Yoga's own would build it for every request.
    graphiql: false,
  });
}

export type App = ReturnType<typeof createApp>;
