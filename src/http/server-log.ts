import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { currentRequestScope } from '../request-scope.js';
import { causesOf } from '../db/errors.js';

/** Where log lines go; one call per line. */
export type LineWriter = (line: string) => void;

export const stderrLine: LineWriter = (line) => void process.stderr.write(`${line}\n`);

/** Replaces every secret (write token, database password) in a line; longest first, so none leaks in part. */
export function redactor(secrets: readonly (string | null | undefined)[]): (text: string) => string {
  const known = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4).sort((a, b) => b.length - a.length);
  return (text) => known.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
}

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

/**
 * Yoga's logger, writing one line per event with the request id and operation name. Yoga logs
 * through it every error it masks, so each unexpected error gets exactly one line; debug and info
 * chatter is dropped.
 */
export function createServerLogger(write: LineWriter, secrets: readonly (string | null | undefined)[]): YogaLogger {
  const redact = redactor(secrets);
  const line = (level: string) => (...args: unknown[]) => {
    const scope = currentRequestScope();
    const prefix = scope ? ` request=${scope.requestId} operation=${scope.operationName ?? '-'}` : '';
    const text = args.map(describeArgument).join(' ').replace(/\s*[\r\n]+\s*/g, ' ⏎ ');
    write(redact(`${level}${prefix} ${text}`));
  };
  return { debug: () => {}, info: () => {}, warn: line('warn'), error: line('error') };
}
