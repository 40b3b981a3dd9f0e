import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { pathOf } from './request-path.js';

type OnRequestPayload = Parameters<NonNullable<Plugin['onRequest']>>[0];
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PoolStats } from '../db/client.js';
import { currentRequestScope } from '../request-scope.js';

export const METRICS_PATH = '/metrics';

/**
 * Operation names come from clients: only names of operations that validated become labels, and
 * past this many distinct ones further names are counted as `_other`, so a client inventing names
 * cannot grow the metrics without bound.
 */
export const MAX_OPERATION_LABELS = 100;
/** A longer name is never a label (counted as `_other`): a scrape holds each label some 25 times. */
export const MAX_OPERATION_LABEL_LENGTH = 100;
/** The label of requests refused before any operation ran (unparsable, invalid, unknown operation name …). */
export const UNVALIDATED_LABEL = '_unvalidated';

export interface MetricsOptions {
  /** A snapshot of the database pool, read at each scrape. */
  pool?: (() => PoolStats) | undefined;
  /** Bearer token for /metrics; without one, only requests from this machine, for a loopback host name, are answered. */
  token?: string | null | undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

/**
 * From this machine, not relayed: a loopback peer and no forwarding header (a reverse proxy on
 * the same machine would otherwise pass on the whole internet as local). A request handed to
 * `fetch` in process has no socket and counts as local.
 */
function isLocal(request: Request, serverContext: unknown): boolean {
  if (request.headers.has('forwarded') || request.headers.has('x-forwarded-for') || request.headers.has('x-real-ip')) return false;
  const req = (serverContext as { req?: IncomingMessage } | undefined)?.req;
  if (!req) return true;
  return LOOPBACK.test(req.socket?.remoteAddress ?? '');
}

// localhost, 127.x.x.x or [::1] (URL hostnames keep the brackets of an IPv6 address).
const LOOPBACK_HOST = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

function refusal(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
}

/** The code of each error in a result, `NONE` for an error without one. */
function errorCodes(result: unknown): string[] {
  const results = Array.isArray(result) ? result : [result];
  return results.flatMap((one) => {
    const errors = (one as { errors?: readonly GraphQLError[] } | null)?.errors ?? [];
    return errors.map((error) => {
      const code = error.extensions?.code;
      return typeof code === 'string' ? code : 'NONE';
    });
  });
}

/**
 * Prometheus metrics of one app, in a registry of its own (two apps in one process, as in tests,
 * never mix): GraphQL requests and their latency and SQL statements per operation, errors by
 * `extensions.code`, the database pool, and Node's process metrics. Served at GET /metrics.
 */
export function useMetrics(options: MetricsOptions = {}): Plugin {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labels = ['operation'] as const;
  const requests = new Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests answered, by operation name and HTTP status.',
    labelNames: [...labels, 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'Time from receiving a GraphQL request to its response, by operation name.',
    labelNames: labels,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const statements = new Histogram({
    name: 'graphql_request_sql_statements',
    help: 'SQL statements one GraphQL request sent, by operation name.',
    labelNames: labels,
    buckets: [0, 1, 2, 4, 8, 16, 32, 64, 128],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors in GraphQL responses, by extensions.code (NONE when an error has none).',
    labelNames: ['code'],
    registers: [registry],
  });
  const pool = options.pool;
  /** A gauge of one figure of the pool, read at each scrape. */
  const poolGauge = (name: string, help: string, figure: (stats: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['driver'],
      registers: [registry],
      collect() {
        if (!pool) return;
        const stats = pool();
        this.set({ driver: stats.kind }, figure(stats));
      },
    });
  poolGauge(
    'db_statements_in_flight',
    'SQL statements sent to the database and not yet answered, including those waiting for a free connection.',
    (stats) => stats.statementsInFlight,
  );
  poolGauge('db_pool_max_connections', 'Connections the database pool may open (PGlite runs in process: one).', (stats) => stats.maxConnections);

  const seen = new Set<string>();
  const operationLabel = (name: string | null, validated: boolean): string => {
    if (!validated) return UNVALIDATED_LABEL;
    if (!name) return 'anonymous';
    if (name.length > MAX_OPERATION_LABEL_LENGTH) return '_other';
    if (seen.has(name)) return name;
    if (seen.size >= MAX_OPERATION_LABELS) return '_other';
    seen.add(name);
    return name;
  };
  const token = options.token ? digest(options.token) : null;

  return {
    // Synchronous for every other path: an async hook costs each request a promise.
    onRequest(payload) {
      if (payload.url.pathname !== METRICS_PATH) return;
      return serve(payload);
    },
    onResultProcess({ result }) {
      if (Symbol.asyncIterator in Object(result)) return;
      for (const code of errorCodes(result)) errors.inc({ code });
    },
    onResponse({ request, response }) {
      const scope = currentRequestScope();
      if (!scope || pathOf(request.url) !== '/graphql') return;
      const operation = operationLabel(scope.operationName, scope.operationValidated);
      requests.inc({ operation, status: String(response.status) });
      duration.observe({ operation }, (performance.now() - scope.startedAt) / 1000);
      statements.observe({ operation }, scope.sqlStatements);
    },
  };

  async function serve({ request, url, serverContext, endResponse }: OnRequestPayload): Promise<void> {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return endResponse(refusal(405, 'use GET', { allow: 'GET, HEAD' }));
    }
    if (token) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '');
      if (!match || !timingSafeEqual(digest(match[1]!), token)) {
        return endResponse(refusal(401, 'metrics need Authorization: Bearer <METRICS_TOKEN>', { 'www-authenticate': 'Bearer' }));
      }
    } else if (!isLocal(request, serverContext)) {
      return endResponse(refusal(403, 'metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere'));
    } else if (!LOOPBACK_HOST.test(url.hostname)) {
      // A page on a name that its owner points at 127.0.0.1 (DNS rebinding) is a local peer, but
      // its browser sends that name as the Host.
      return endResponse(refusal(403, 'without METRICS_TOKEN, metrics are served only to requests for localhost, 127.0.0.1 or [::1]'));
    }
    endResponse(new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } }));
  }
}
