import { GraphQLError } from 'graphql';
import type { Plugin, YogaLogger } from 'graphql-yoga';
import type { Logger } from '../log.js';
import { currentRequestScope } from '../request-scope.js';
import { pathOf } from './request-path.js';
import { causesOf, isStatementTimeout } from '../db/errors.js';

/** The real error behind a GraphQL error, with where it surfaced: `Query.articles: PostgresError 42P01: relation … at …`. */
export function describeError(error: unknown): string {
  const causes = [...causesOf(error)];
  const root = (causes.findLast((cause) => cause instanceof Error) ?? error) as Partial<Error> & { code?: unknown };
  const where = error instanceof GraphQLError && error.path ? `path ${error.path.join('.')}: ` : '';
  const code = typeof root.code === 'string' || typeof root.code === 'number' ? ` ${root.code}` : '';
  const frame = root.stack?.split('\n').find((line) => line.trimStart().startsWith('at '))?.trim();
  return `${where}${root.name ?? 'Error'}${code}: ${root.message ?? String(error)}${frame ? ` (${frame})` : ''}`;
}

function describeArgument(argument: unknown): string {
  return argument instanceof Error ? describeError(argument) : typeof argument === 'string' ? argument : JSON.stringify(argument);
}

/** The request id and operation name of the request being handled, as log fields. */
function scopeFields(): { requestId?: string; operation?: string | null } {
  const scope = currentRequestScope();
  return scope ? { requestId: scope.requestId, operation: scope.operationName } : {};
}

/** How the log line of a statement cancelled because its client went away begins. */
export const CLIENT_GONE_MESSAGE = 'client went away: its statement was cancelled (not a server fault)';

/**
 * Whether the errors are a statement Postgres cancelled (57014) for a request whose client has gone:
 * the database layer cancels a request's statements when its client aborts (see useAdmission), and
 * Postgres answers each with 57014, the code a statement timeout has too. Only the request's
 * aborted signal tells the two apart, so a timeout of a request whose client still waits stays an error.
 */
function cancelledForGoneClient(args: readonly unknown[]): boolean {
  if (currentRequestScope()?.signal?.aborted !== true) return false;
  return args.some(isStatementTimeout) && args.every((argument) => typeof argument === 'string' || isStatementTimeout(argument));
}

/**
 * Yoga's logger on top of ours. Yoga logs through it every error it masks, so each unexpected
 * error gets exactly one line, with the request id the client sees in `extensions.requestId`;
 * Yoga's debug and info chatter is dropped. A statement cancelled because its client went away is
 * the client's doing: its line is at info, saying so (CLIENT_GONE_MESSAGE).
 */
export function yogaLoggerOf(logger: Logger): YogaLogger {
  const line = (level: 'warn' | 'error') => (...args: unknown[]) => {
    // One line per event: an error's own line breaks would split it for line-based collectors.
    const text = args.map(describeArgument).join(' ').replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    if (cancelledForGoneClient(args)) {
      logger.info(scopeFields(), `${CLIENT_GONE_MESSAGE}: ${text}`);
      return;
    }
    logger[level](scopeFields(), text);
  };
  return { debug: () => {}, info: () => {}, warn: line('warn'), error: line('error') };
}

// Probes and scrapes come every few seconds; their lines are debug, so `info` shows the API's traffic.
const QUIET_PATHS = new Set(['/health', '/ready', '/metrics']);

/**
 * One line per request: request id, method, path, operation, HTTP status, duration and SQL
 * statements, and whether the operation ran compiled.
 */
export function useRequestLog(logger: Logger): Plugin {
  return {
    onResponse({ request, response }) {
      const scope = currentRequestScope();
      if (!scope) return;
      const path = pathOf(request.url);
      const level = QUIET_PATHS.has(path) ? 'debug' : 'info';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          requestId: scope.requestId,
          method: request.method,
          path,
          operation: scope.operationName,
          status: response.status,
          durationMs: Math.round((performance.now() - scope.startedAt) * 10) / 10,
          sqlStatements: scope.sqlStatements,
          ...(scope.compiled ? { compiled: true } : {}),
        },
        'request',
      );
    },
  };
}
